import { join } from 'node:path';
import { CountryConfigError } from './config-file-error';
import { loadDirectory, parseDirectory } from './directory.loader';

const SRC = 'config/directory.yaml';

/** The problems a text yields, each `path: message` (without the file name). */
function issuesOf(yamlText: string): string[] {
  try {
    parseDirectory(yamlText, SRC);
  } catch (e) {
    expect(e).toBeInstanceOf(CountryConfigError);
    const error = e as CountryConfigError;
    for (const line of error.message.split('\n')) expect(line.startsWith(`${SRC}: `)).toBe(true);
    return error.issues;
  }
  throw new Error('the text was accepted');
}

const OIA = {
  country: 'US',
  kind: 'CENTRAL_AUTHORITY',
  names: { en: 'Office of International Affairs', vi: 'Văn phòng Các vấn đề Quốc tế' },
  timezone: 'America/New_York',
  languages: ['en'],
  email: 'oia@example.gov',
  address: '950 Example Avenue, Washington',
  channels: ['EMAIL', 'DIPLOMATIC'],
  source: 'https://www.justice.gov/criminal-oia',
  lastVerified: '2026-12-06',
};

/** The file with one entry, US-OIA, changed by `change` (a key set to undefined is removed). */
function withOia(change: Record<string, unknown>, code = 'US-OIA'): string {
  const entry: Record<string, unknown> = { ...OIA, ...change };
  for (const [k, v] of Object.entries(entry)) if (v === undefined) delete entry[k];
  return JSON.stringify({ authorities: { [code]: entry } });
}

describe('parseDirectory', () => {
  it('reads an entry with every fact, an unquoted YAML date as the day', () => {
    const text = withOia({}).replace('"lastVerified":"2026-12-06"', '"lastVerified":"2026-12-06"');
    expect(parseDirectory(text, SRC).get('US-OIA')).toEqual({ code: 'US-OIA', ...OIA });
    const yaml = `authorities:\n  KR-MOJ:\n    country: KR\n    kind: CENTRAL_AUTHORITY\n    names: { en: Ministry of Justice }\n    timezone: Asia/Seoul\n    languages: [ko]\n    source: Act on International Judicial Mutual Assistance\n    lastVerified: 2026-12-01\n`;
    expect(parseDirectory(yaml, SRC).get('KR-MOJ')).toEqual({
      code: 'KR-MOJ', country: 'KR', kind: 'CENTRAL_AUTHORITY', names: { en: 'Ministry of Justice' }, timezone: 'Asia/Seoul', languages: ['ko'],
      channels: [], source: 'Act on International Judicial Mutual Assistance', lastVerified: '2026-12-01',
    });
  });

  it('leaves out what is not given: no address, no e-mail', () => {
    const entry = parseDirectory(withOia({ email: undefined, address: undefined, channels: undefined }), SRC).get('US-OIA');
    expect(entry).not.toHaveProperty('email');
    expect(entry).not.toHaveProperty('address');
    expect(entry?.channels).toEqual([]);
  });

  it.each([
    ['a country code that does not exist', { country: 'XX' }, 'authorities.US-OIA.country: "XX" is not an ISO 3166-1 alpha-2 country code (e.g. SG)'],
    ['a kind that is not one', { kind: 'EMBASSY' }, 'authorities.US-OIA.kind: "EMBASSY" is not one of CENTRAL_AUTHORITY, CONTACT_POINT_24_7'],
    ['no English name', { names: { vi: 'Văn phòng' } }, 'authorities.US-OIA.names.en: missing: every entry has its English name'],
    ['a name in no language', { names: { en: 'OIA', english: 'OIA' } }, 'authorities.US-OIA.names.english: "english" is not an ISO 639-1 code'],
    ['an empty name', { names: { en: ' ' } }, 'authorities.US-OIA.names.en: "" must not be empty'],
    ['a time zone that is not one', { timezone: 'Eastern' }, 'authorities.US-OIA.timezone: "Eastern" is not an IANA time zone (e.g. Asia/Singapore)'],
    ['no languages', { languages: [] }, 'authorities.US-OIA.languages: must not be an empty list'],
    ['a language listed twice', { languages: ['en', 'en'] }, 'authorities.US-OIA.languages[1]: "en" is listed twice'],
    ['an e-mail that is not one', { email: 'oia at doj' }, 'authorities.US-OIA.email: "oia at doj" is not an e-mail address'],
    ['an empty address', { address: '' }, 'authorities.US-OIA.address: "" must not be empty'],
    ['a channel that is not one', { channels: ['FAX'] }, 'authorities.US-OIA.channels[0]: "FAX" is not one of DIPLOMATIC, CENTRAL_AUTHORITY_MAIL, EMAIL, INTERPOL, NETWORK_24_7, COURIER, OTHER'],
    ['no source', { source: undefined }, 'authorities.US-OIA.source: missing'],
    ['a source that names nothing', { source: 'web' }, 'authorities.US-OIA.source: "web" is not a source (give the URL or the document the facts come from)'],
    ['no last-verified day', { lastVerified: undefined }, 'authorities.US-OIA.lastVerified: missing'],
    ['a day that does not exist', { lastVerified: '2026-02-30' }, 'authorities.US-OIA.lastVerified: "2026-02-30" is not a day (YYYY-MM-DD)'],
    ['an unknown field', { fax: '+1 202' }, 'authorities.US-OIA.fax: unknown key'],
  ])('names the entry and the field for %s', (_why, change, issue) => {
    expect(issuesOf(withOia(change))).toEqual([issue]);
  });

  it('names a code that is not one, and a code of another country', () => {
    expect(issuesOf(withOia({}, 'us oia'))).toEqual(['authorities.us oia: "us oia" is not a code (2-40 upper-case letters, digits, - or _, e.g. US-OIA)']);
    expect(issuesOf(withOia({}, 'KR-OIA'))).toEqual(['authorities.KR-OIA.country: "US" does not match the code KR-OIA (codes start with the country, e.g. US-...)']);
  });

  it('lists every problem of every entry at once', () => {
    const text = JSON.stringify({ authorities: { 'US-OIA': { ...OIA, email: 'x' }, 'KR-MOJ': { ...OIA, country: 'KR', timezone: 'Seoul' } } });
    expect(issuesOf(text)).toEqual(['authorities.US-OIA.email: "x" is not an e-mail address', 'authorities.KR-MOJ.timezone: "Seoul" is not an IANA time zone (e.g. Asia/Singapore)']);
  });

  it('refuses an empty file, bad YAML and a file without authorities', () => {
    expect(issuesOf('')[0]).toMatch(/^the file is empty/);
    expect(issuesOf('authorities: [')[0]).toMatch(/^not valid YAML/);
    expect(issuesOf('countries: {}')).toEqual(['authorities: missing', 'countries: unknown key']);
  });
});

describe('config/directory.yaml', () => {
  const directory = loadDirectory(join(__dirname, '../../../../config/directory.yaml'));

  it('loads, with the codes other data rely on', () => {
    for (const code of ['US-OIA', 'KR-MOJ', 'SG-CA', 'VN-CA', 'PH-247']) expect(directory.has(code)).toBe(true);
  });

  it('covers the ASEAN states it has a source for and the frequent partners, each with an English and a Vietnamese name', () => {
    const countries = new Set([...directory.values()].map((e) => e.country));
    for (const c of ['BN', 'KH', 'ID', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'AU', 'CN', 'HK', 'JP', 'KR', 'US']) expect(countries.has(c)).toBe(true);
    for (const e of directory.values()) expect(Object.keys(e.names).sort()).toEqual(['en', 'vi']);
  });
});
