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
}

export const DEMO_AUTHORITIES: DemoAuthority[] = [
  { code: 'VN-HCM-PROS', name: "People's Procuracy of Ho Chi Minh City", names: { vi: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh', en: "People's Procuracy of Ho Chi Minh City" }, country: 'VN', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Ho_Chi_Minh', language: 'vi' },
  { code: 'VN-CA', name: "Supreme People's Procuracy of Viet Nam (central authority)", names: { vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy of Viet Nam" }, country: 'VN', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Ho_Chi_Minh', language: 'vi' },
  { code: 'SG-PROS', name: "Attorney-General's Chambers, Crime Division", names: { en: "Attorney-General's Chambers, Crime Division", vi: 'Vụ Hình sự, Văn phòng Tổng Chưởng lý Singapore' }, country: 'SG', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Singapore', language: 'en' },
  { code: 'SG-CA', name: "Attorney-General's Chambers, Central Authority", names: { en: "Attorney-General's Chambers, Central Authority", vi: 'Cơ quan trung ương, Văn phòng Tổng Chưởng lý Singapore' }, country: 'SG', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Singapore', language: 'en' },
  { code: 'SG-247', name: 'Singapore Police Force 24/7 contact point', names: { en: 'Singapore Police Force 24/7 contact point', vi: 'Đầu mối liên lạc 24/7 của Lực lượng Cảnh sát Singapore' }, country: 'SG', kind: 'CONTACT_POINT_24_7', timezone: 'Asia/Singapore', language: 'en' },
];

export const DEMO_USERS: { email: string; displayName: string; role: Role; authorityCode: string | null }[] = [
  { email: 'prosecutor@vn.example', displayName: 'Nguyễn Văn An (prosecutor, HCMC)', role: 'PROSECUTOR', authorityCode: 'VN-HCM-PROS' },
  { email: 'officer@vn.example', displayName: 'Trần Thị Bình (officer, VN central authority)', role: 'OFFICER', authorityCode: 'VN-CA' },
  { email: 'supervisor@vn.example', displayName: 'Lê Minh Châu (supervisor, VN)', role: 'SUPERVISOR', authorityCode: 'VN-CA' },
  { email: 'prosecutor@sg.example', displayName: 'Tan Wei Ling (prosecutor, SG)', role: 'PROSECUTOR', authorityCode: 'SG-PROS' },
  { email: 'officer@sg.example', displayName: 'Rajesh Kumar (officer, SG central authority)', role: 'OFFICER', authorityCode: 'SG-CA' },
  { email: 'supervisor@sg.example', displayName: 'Lim Mei Hua (supervisor, SG)', role: 'SUPERVISOR', authorityCode: 'SG-CA' },
  { email: 'admin@example.org', displayName: 'Platform administrator', role: 'ADMIN', authorityCode: null },
];
