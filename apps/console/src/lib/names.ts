/** Countries, languages and time zones written out in the user's language (Intl.DisplayNames), never as bare codes. */
import { dateTimeFormat, displayNames } from './intl';

const locale = (lang: string) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

function displayName(type: 'region' | 'language', code: string | null | undefined, lang: string): string {
  if (!code) return '—';
  try {
    return displayNames(locale(lang), { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Singapore" / "Việt Nam" for SG / VN. */
export const countryName = (code: string | null | undefined, lang: string) => displayName('region', code, lang);

/** "English" / "tiếng Anh" for en: the language named in the UI's language. */
export const languageName = (code: string | null | undefined, lang: string) => displayName('language', code, lang);

/** Old IANA names (links) and the canonical zone they stand for: a zone is named once. */
const ZONE_LINKS: Record<string, string> = {
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Ujung_Pandang': 'Asia/Makassar',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Asia/Chongqing': 'Asia/Shanghai',
  'Asia/Chungking': 'Asia/Shanghai',
  'Asia/Harbin': 'Asia/Shanghai',
  Singapore: 'Asia/Singapore',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  UCT: 'UTC',
  'Etc/UTC': 'UTC',
  'Etc/UCT': 'UTC',
  Universal: 'UTC',
  Zulu: 'UTC',
};

/** The canonical IANA name of a zone (the browser may report Asia/Saigon where the server says Asia/Ho_Chi_Minh). */
export function canonicalZone(zone: string): string {
  return ZONE_LINKS[zone] ?? zone;
}

/** A zone for people: its city ("Ho Chi Minh") and its offset now ("GMT+7"), e.g. "Ho Chi Minh (GMT+7)". */
export function zoneLabel(zone: string, lang: string, at: Date = new Date()): string {
  const canonical = canonicalZone(zone);
  const city = canonical.split('/').pop()?.replace(/_/g, ' ') ?? canonical;
  let offset = '';
  try {
    offset = dateTimeFormat(locale(lang), { timeZone: canonical, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return canonical;
  }
  return offset ? `${city} (${offset})` : city;
}
