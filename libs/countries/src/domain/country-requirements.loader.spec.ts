import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountryConfigError, loadCountryRequirements, parseCountryRequirements } from './country-requirements.loader';

const SRC = 'config/countries.yaml';

/** The problems a text yields, each `path: message` (without the file name). */
function issuesOf(yamlText: string): string[] {
  try {
    parseCountryRequirements(yamlText, SRC);
  } catch (e) {
    expect(e).toBeInstanceOf(CountryConfigError);
    const error = e as CountryConfigError;
    for (const line of error.message.split('\n')) expect(line.startsWith(`${SRC}: `)).toBe(true);
    return error.issues;
  }
  throw new Error('the text was accepted');
}

const SG = `
countries:
  SG:
    name: Singapore
    languages: [en]
    translationRequired: true
    channels: [CENTRAL_AUTHORITY]
    legalBases: [ASEAN_MLAT_2004, RECIPROCITY]
    sources:
      languages: ASEAN MLAT 2004 art. 5
      translationRequired: ASEAN MLAT 2004 art. 5
      channels: MACMA 2000 s. 19(1)
      legalBases: MACMA 2000 s. 16
    requiredDetails:
      - key: offenceMeasureLink
        label: { en: Link between offence and measure, vi: Mối liên hệ giữa tội phạm và biện pháp }
        appliesTo: { types: [CONTENT_DATA] }
        source: MACMA 2000 s. 22(4)
`;

describe('parseCountryRequirements', () => {
  it('reads a valid entry, with every fact and its source', () => {
    const sg = parseCountryRequirements(SG, SRC).get('SG');
    expect(sg).toEqual({
      code: 'SG',
      name: 'Singapore',
      languages: ['en'],
      translationRequired: true,
      channels: ['CENTRAL_AUTHORITY'],
      legalBases: ['ASEAN_MLAT_2004', 'RECIPROCITY'],
      requiredDetails: [
        {
          key: 'offenceMeasureLink',
          label: { en: 'Link between offence and measure', vi: 'Mối liên hệ giữa tội phạm và biện pháp' },
          appliesTo: { types: ['CONTENT_DATA'] },
          source: 'MACMA 2000 s. 22(4)',
        },
      ],
      sources: { languages: 'ASEAN MLAT 2004 art. 5', translationRequired: 'ASEAN MLAT 2004 art. 5', channels: 'MACMA 2000 s. 19(1)', legalBases: 'MACMA 2000 s. 16' },
    });
    expect(Object.isFrozen(sg)).toBe(true);
  });

  it('accepts an entry with every optional fact left out', () => {
    const kr = parseCountryRequirements('countries:\n  KR: { name: Republic of Korea }\n', SRC).get('KR');
    expect(kr).toEqual({ code: 'KR', name: 'Republic of Korea', requiredDetails: [], sources: {} });
  });

  it('names a language that is not an ISO 639-1 code', () => {
    expect(issuesOf(SG.replace('languages: [en]', 'languages: [english, vi, xx]'))).toEqual([
      'countries.SG.languages[0]: "english" is not an ISO 639-1 code',
      'countries.SG.languages[2]: "xx" is not an ISO 639-1 code',
    ]);
  });

  it('names a country code that is not ISO 3166-1 alpha-2', () => {
    expect(issuesOf('countries:\n  sg: { name: Singapore }\n  XX: { name: Nowhere }\n  UK: { name: United Kingdom }\n')).toEqual([
      'countries.sg: "sg" is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. SG)',
      'countries.XX: "XX" is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. SG)',
      'countries.UK: "UK" is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. SG)',
    ]);
  });

  it('names an unknown channel, legal basis and request type', () => {
    const text = SG.replace('channels: [CENTRAL_AUTHORITY]', 'channels: [EMBASSY]')
      .replace('legalBases: [ASEAN_MLAT_2004, RECIPROCITY]', 'legalBases: [ASEAN_MLAT, RECIPROCITY]')
      .replace('types: [CONTENT_DATA]', 'types: [CONTENT]');
    expect(issuesOf(text)).toEqual([
      'countries.SG.channels[0]: "EMBASSY" is not one of CENTRAL_AUTHORITY, NETWORK_24_7, DIRECT',
      'countries.SG.legalBases[0]: "ASEAN_MLAT" is not one of ASEAN_MLAT_2004, BUDAPEST_CONVENTION, BUDAPEST_SECOND_PROTOCOL, UN_CYBERCRIME_CONVENTION, BILATERAL_TREATY, RECIPROCITY',
      'countries.SG.requiredDetails[0].appliesTo.types[0]: "CONTENT" is not one of PRESERVATION, SUBSCRIBER_INFO, TRAFFIC_DATA, CONTENT_DATA, SEIZED_DEVICE, WITNESS_STATEMENT, OTHER',
    ]);
  });

  it('names an unknown key (strict objects) at every level', () => {
    const text = SG.replace('    name: Singapore', '    name: Singapore\n    language: en')
      .replace('      legalBases: MACMA 2000 s. 16', '      legalBases: MACMA 2000 s. 16\n      name: Wikipedia')
      .replace('        source: MACMA 2000 s. 22(4)', '        source: MACMA 2000 s. 22(4)\n        mandatory: true');
    expect(issuesOf(`${text}extra: 1\n`)).toEqual(
      expect.arrayContaining([
        'extra: unknown key',
        'countries.SG.language: unknown key',
        'countries.SG.sources.name: unknown key',
        'countries.SG.requiredDetails[0].mandatory: unknown key',
      ]),
    );
  });

  it('names a fact given without its source, and a source without its fact', () => {
    const text = SG.replace('      channels: MACMA 2000 s. 19(1)\n', '').replace('    sources:\n', '    sources:\n      centralAuthority: MACMA 2000 s. 19(1)\n');
    expect(issuesOf(text)).toEqual([
      'countries.SG.sources.centralAuthority: a source for centralAuthority, which is not given',
      'countries.SG.sources.channels: missing: channels is given, so its source must be too',
    ]);
  });

  it('names a required detail without a source, a bad key, a missing label and a duplicate', () => {
    const text = SG.replace('        source: MACMA 2000 s. 22(4)\n', '').replace('key: offenceMeasureLink', 'key: Offence-Link') +
      '      - key: maximumPenalty\n        label: { en: Maximum penalty }\n        source: MACMA 2000 s. 19(2)(c)(iv)\n' +
      '      - key: maximumPenalty\n        label: { en: Maximum penalty, vi: Mức hình phạt cao nhất }\n        source: MACMA 2000 s. 19(2)(c)(iv)\n';
    expect(issuesOf(text)).toEqual([
      'countries.SG.requiredDetails[0].key: "Offence-Link" is not a camelCase key',
      'countries.SG.requiredDetails[0].source: missing',
      'countries.SG.requiredDetails[1].label.vi: missing',
      'countries.SG.requiredDetails[2].key: "maximumPenalty" is listed twice',
    ]);
  });

  it('names a source too short to say anything, a wrong type, an empty list and a duplicate', () => {
    const text = SG.replace('legalBases: MACMA 2000 s. 16', 'legalBases: "?"')
      .replace('translationRequired: true', 'translationRequired: "yes"')
      .replace('channels: [CENTRAL_AUTHORITY]', 'channels: []')
      .replace('legalBases: [ASEAN_MLAT_2004, RECIPROCITY]', 'legalBases: [RECIPROCITY, RECIPROCITY]');
    expect(issuesOf(text)).toEqual([
      'countries.SG.translationRequired: "yes" must be a boolean',
      'countries.SG.channels: must not be an empty list',
      'countries.SG.legalBases[1]: "RECIPROCITY" is listed twice',
      'countries.SG.sources.legalBases: "?" is not a source (name the treaty article, law section or guide, with its URL)',
    ]);
  });

  it('names a missing name, a translation rule without languages, and an entry that is not a mapping', () => {
    expect(issuesOf('countries:\n  SG:\n    translationRequired: true\n    sources: { translationRequired: ASEAN MLAT 2004 art. 5 }\n  VN: [Viet Nam]\n')).toEqual([
      'countries.SG.name: missing',
      'countries.SG.translationRequired: given without languages (a translation into which language?)',
      'countries.VN: ["Viet Nam"] must be a mapping',
    ]);
  });

  it('refuses an empty file, a file without countries, and YAML that does not parse', () => {
    expect(issuesOf('')).toEqual([expect.stringMatching(/^the file is empty/)]);
    expect(issuesOf('regions: {}\n')).toEqual(['countries: missing', 'regions: unknown key']);
    expect(issuesOf('countries:\n  SG: { name: Singapore\n')[0]).toMatch(/^not valid YAML/);
    expect(issuesOf('countries:\n  SG: { name: A }\n  SG: { name: B }\n')[0]).toMatch(/^not valid YAML/);
  });
});

describe('channel rules', () => {
  const WITH_RULES = SG.replace('channels: [CENTRAL_AUTHORITY]', 'channels: [CENTRAL_AUTHORITY, NETWORK_24_7]').replace(
    '    sources:\n',
    '    channelRules:\n      - { channel: CENTRAL_AUTHORITY, source: ASEAN MLAT 2004 art. 4 }\n      - { channel: NETWORK_24_7, types: [PRESERVATION], priorities: [URGENT, EMERGENCY], source: Budapest Convention art. 29 and 35 }\n    sources:\n',
  );

  it('reads each rule with its scope and source', () => {
    expect(parseCountryRequirements(WITH_RULES, SRC).get('SG')?.channelRules).toEqual([
      { channel: 'CENTRAL_AUTHORITY', source: 'ASEAN MLAT 2004 art. 4' },
      { channel: 'NETWORK_24_7', types: ['PRESERVATION'], priorities: ['URGENT', 'EMERGENCY'], source: 'Budapest Convention art. 29 and 35' },
    ]);
  });

  it('names a rule without source, an unknown priority, a channel the country does not take, and a channel without rule', () => {
    const text = WITH_RULES.replace(', source: ASEAN MLAT 2004 art. 4 }', ' }')
      .replace('priorities: [URGENT, EMERGENCY]', 'priorities: [URGENT, SOON]')
      .replace('channels: [CENTRAL_AUTHORITY, NETWORK_24_7]', 'channels: [CENTRAL_AUTHORITY, NETWORK_24_7, DIRECT]')
      .replace('- { channel: NETWORK_24_7,', '- { channel: NETWORK_24_7 }\n      - { channel: DIPLOMATIC, source: Vienna Convention art. 3 }\n      - { channel: NETWORK_24_7,');
    expect(issuesOf(text)).toEqual([
      'countries.SG.channelRules[0].source: missing',
      'countries.SG.channelRules[1].source: missing',
      'countries.SG.channelRules[2].channel: "DIPLOMATIC" is not one of CENTRAL_AUTHORITY, NETWORK_24_7, DIRECT',
      'countries.SG.channelRules[3].priorities[1]: "SOON" is not one of ROUTINE, URGENT, EMERGENCY',
      'countries.SG.channelRules: no rule for "DIRECT", one of the country\'s channels',
    ]);
  });

  it('names rules given without the channels they choose among, and a rule for a channel not listed', () => {
    expect(issuesOf(WITH_RULES.replace('    channels: [CENTRAL_AUTHORITY, NETWORK_24_7]\n', '').replace('      channels: MACMA 2000 s. 19(1)\n', ''))).toEqual([
      'countries.SG.channelRules: given without channels (the channels the country takes at all)',
    ]);
    expect(issuesOf(WITH_RULES.replace('channels: [CENTRAL_AUTHORITY, NETWORK_24_7]', 'channels: [CENTRAL_AUTHORITY]'))).toEqual([
      'countries.SG.channelRules[1].channel: "NETWORK_24_7" is not among the country\'s channels',
    ]);
  });
});

describe('loadCountryRequirements', () => {
  it('loads the shipped file: the ten ASEAN member states and the frequent partners', () => {
    const countries = loadCountryRequirements('config/countries.yaml');
    for (const code of ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'AU', 'CN', 'JP', 'KR', 'US']) expect(countries.has(code)).toBe(true);
    const sg = countries.get('SG');
    expect(sg?.languages).toEqual(['en']);
    expect(sg?.requiredDetails.map((d) => d.key)).toEqual(['criminalMatterCertificate', 'maximumPenalty', 'offenceMeasureLink', 'reciprocityUndertaking']);
    for (const country of countries.values()) {
      for (const detail of country.requiredDetails) expect(detail.source.length).toBeGreaterThan(10);
      for (const fact of ['centralAuthority', 'languages', 'translationRequired', 'channels', 'legalBases'] as const) {
        expect([country.code, fact, country[fact] === undefined]).toEqual([country.code, fact, country.sources[fact] === undefined]);
      }
    }
  });

  it('names the file when it cannot be read, and a bad entry of a file on disk', () => {
    expect(() => loadCountryRequirements('config/no-such-file.yaml')).toThrow(/^config\/no-such-file\.yaml: cannot read the countries file \(ENOENT\)/);
    const dir = mkdtempSync(join(tmpdir(), 'countries-'));
    const path = join(dir, 'countries.yaml');
    writeFileSync(path, SG.replace('languages: [en]', 'languages: [english]'));
    expect(() => loadCountryRequirements(path)).toThrow(`${path}: countries.SG.languages[0]: "english" is not an ISO 639-1 code`);
  });
});
