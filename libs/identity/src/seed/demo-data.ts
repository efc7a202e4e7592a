import type { AuthorityKind } from '../authorities/authority.row';
import type { Role } from '../principal';

/** The demo seed of DESIGN §10: two ASEAN countries and a person for every role. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoAuthority {
  code: string;
  name: string;
  /** Its name per language (DESIGN §4). */
  names: Record<string, string>;
  country: string;
  kind: AuthorityKind;
  timezone: string;
  language: string;
  /** LOCAL unless said (DESIGN §14). */
  reach?: 'LOCAL' | 'OFFLINE';
  /** How its letters are headed (DESIGN §4): the symbol after the number, the place before the date per language (this node's authorities only). */
  letterhead?: { symbol: string; places: Record<string, string> };
}

export const DEMO_AUTHORITIES: DemoAuthority[] = [
  { code: 'VN-HCM-PROS', name: "People's Procuracy of Ho Chi Minh City", names: { vi: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh', en: "People's Procuracy of Ho Chi Minh City" }, country: 'VN', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Ho_Chi_Minh', language: 'vi', letterhead: { symbol: 'VKSHCM-HTQT', places: { vi: 'TP. Hồ Chí Minh', en: 'Ho Chi Minh City' } } },
  { code: 'VN-CA', name: "Supreme People's Procuracy of Viet Nam (central authority)", names: { vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy of Viet Nam" }, country: 'VN', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Ho_Chi_Minh', language: 'vi', letterhead: { symbol: 'VKSTC-HTQT', places: { vi: 'Hà Nội', en: 'Hanoi' } } },
  { code: 'SG-PROS', name: "Attorney-General's Chambers, Crime Division", names: { en: "Attorney-General's Chambers, Crime Division", vi: 'Vụ Hình sự, Văn phòng Tổng Chưởng lý Singapore' }, country: 'SG', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Singapore', language: 'en', letterhead: { symbol: 'AGC-CRIME', places: { en: 'Singapore', vi: 'Singapore' } } },
  { code: 'SG-CA', name: "Attorney-General's Chambers, Central Authority", names: { en: "Attorney-General's Chambers, Central Authority", vi: 'Cơ quan trung ương, Văn phòng Tổng Chưởng lý Singapore' }, country: 'SG', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Singapore', language: 'en', letterhead: { symbol: 'AGC-IAD', places: { en: 'Singapore', vi: 'Singapore' } } },
  // Counterparts that work on no MLA Hub (DESIGN §14); config/directory.yaml may have created them already (then left as they are).
  { code: 'US-OIA', name: 'U.S. Department of Justice, Criminal Division, Office of International Affairs', names: { en: 'U.S. Department of Justice, Criminal Division, Office of International Affairs', vi: 'Văn phòng Các vấn đề Quốc tế, Vụ Hình sự, Bộ Tư pháp Hoa Kỳ' }, country: 'US', kind: 'CENTRAL_AUTHORITY', timezone: 'America/New_York', language: 'en', reach: 'OFFLINE' },
  { code: 'KR-MOJ', name: 'Ministry of Justice of the Republic of Korea', names: { en: 'Ministry of Justice of the Republic of Korea', vi: 'Bộ Tư pháp Đại Hàn Dân Quốc', ko: '대한민국 법무부' }, country: 'KR', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Seoul', language: 'ko', reach: 'OFFLINE' },
  { code: 'SG-247', name: 'Singapore Police Force 24/7 contact point', names: { en: 'Singapore Police Force 24/7 contact point', vi: 'Đầu mối liên lạc 24/7 của Lực lượng Cảnh sát Singapore' }, country: 'SG', kind: 'CONTACT_POINT_24_7', timezone: 'Asia/Singapore', language: 'en', letterhead: { symbol: 'SPF-247', places: { en: 'Singapore', vi: 'Singapore' } } },
];

export const DEMO_USERS: { email: string; displayName: string; role: Role; authorityCode: string | null }[] = [
  { email: 'prosecutor@vn.example', displayName: 'Nguyễn Văn An', role: 'PROSECUTOR', authorityCode: 'VN-HCM-PROS' },
  { email: 'officer@vn.example', displayName: 'Trần Thị Bình', role: 'OFFICER', authorityCode: 'VN-CA' },
  { email: 'supervisor@vn.example', displayName: 'Lê Minh Châu', role: 'SUPERVISOR', authorityCode: 'VN-CA' },
  { email: 'prosecutor@sg.example', displayName: 'Tan Wei Ling', role: 'PROSECUTOR', authorityCode: 'SG-PROS' },
  { email: 'officer@sg.example', displayName: 'Rajesh Kumar', role: 'OFFICER', authorityCode: 'SG-CA' },
  { email: 'supervisor@sg.example', displayName: 'Lim Mei Hua', role: 'SUPERVISOR', authorityCode: 'SG-CA' },
  { email: 'admin@example.org', displayName: 'Platform administrator', role: 'ADMIN', authorityCode: null },
];

/**
 * The demo seed of a node (DESIGN §15): with `countries` (NODE_COUNTRIES) only those countries'
 * LOCAL authorities and their people, the OFFLINE counterparts of other countries, and the
 * admin; the authorities of the other demo countries come from the directory, as OFFLINE, until
 * their node is peered. `null` (the single-node mode) is the whole demo.
 */
export function demoSeedFor(countries: readonly string[] | null): { authorities: DemoAuthority[]; users: typeof DEMO_USERS } {
  if (countries === null) return { authorities: DEMO_AUTHORITIES, users: DEMO_USERS };
  const serves = (country: string) => countries.includes(country);
  const authorities = DEMO_AUTHORITIES.filter((a) => (a.reach === 'OFFLINE' ? !serves(a.country) : serves(a.country)));
  const codes = new Set(authorities.map((a) => a.code));
  return { authorities, users: DEMO_USERS.filter((u) => u.authorityCode === null || codes.has(u.authorityCode)) };
}
