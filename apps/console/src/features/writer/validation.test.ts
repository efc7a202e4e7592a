import { describe, expect, it } from 'vitest';
import { countryMissing, emptyValues, missingForSubmit, splitObservedAt, toDraftBody, type Country, type WriterValues } from './validation';

const complete: WriterValues = {
  type: 'SUBSCRIBER_INFO',
  requestedCountry: 'SG',
  requestedAuthorityId: '00000000-0000-4000-8000-000000000001',
  legalBasis: 'ASEAN_MLAT_2004',
  treatyName: '',
  channel: 'CENTRAL_AUTHORITY',
  priority: 'ROUTINE',
  confidential: false,
  neededBy: '',
  relatedRequestId: '',
  title: 'Subscriber of account X',
  offenceDescription: 'Online fraud',
  offenceProvision: 'Penal Code art. 174',
  facts: 'Victims paid.',
  measures: [{ value: 'Produce the subscriber information' }],
  identifiers: [{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedLocal: '2026-11-01T10:00', observedZone: 'Asia/Ho_Chi_Minh' }],
  language: 'vi',
  details: {},
};

const singapore = {
  code: 'SG',
  name: 'Singapore',
  languages: ['en'],
  translationRequired: true,
  channels: ['CENTRAL_AUTHORITY'],
  legalBases: ['ASEAN_MLAT_2004', 'BILATERAL_TREATY', 'RECIPROCITY'],
  requiredDetails: [
    { key: 'maximumPenalty', label: { en: 'Maximum penalty', vi: 'Mức hình phạt cao nhất' }, appliesTo: {}, source: 'MACMA s. 19(2)(c)(iv)' },
    { key: 'offenceMeasureLink', label: { en: 'Link', vi: 'Liên hệ' }, appliesTo: { types: ['SUBSCRIBER_INFO'] }, source: 'MACMA s. 22(4)' },
    { key: 'reciprocityUndertaking', label: { en: 'Undertaking', vi: 'Cam kết' }, appliesTo: { legalBases: ['RECIPROCITY'] }, source: 'MACMA s. 16(2)' },
  ],
  sources: {},
} as unknown as Country;

describe('the requested country’s own rules, as submit checks them', () => {
  it('asks a Vietnamese request to Singapore for an English translation and the details that apply to its type and legal basis', () => {
    expect(countryMissing(complete, singapore, [])).toEqual(['attachments', 'details.maximumPenalty', 'details.offenceMeasureLink']);
    expect(countryMissing(complete, singapore, [{ kind: 'TRANSLATION', language: 'en' }, { kind: 'COURT_ORDER', language: 'vi' }])).toEqual([
      'details.maximumPenalty',
      'details.offenceMeasureLink',
    ]);
    expect(countryMissing(complete, singapore, [{ kind: 'TRANSLATION', language: 'fr' }])).toContain('attachments');
  });

  it('passes a request in English with every detail, and names a channel or legal basis the country does not list', () => {
    const filled = { ...complete, language: 'en', details: { maximumPenalty: 'Life imprisonment', offenceMeasureLink: 'The account received the money' } };
    expect(countryMissing(filled, singapore, [])).toEqual([]);
    expect(countryMissing({ ...filled, details: { ...filled.details, maximumPenalty: '  ' } }, singapore, [])).toEqual(['details.maximumPenalty']);
    expect(countryMissing({ ...filled, channel: 'DIRECT', legalBasis: 'RECIPROCITY' }, singapore, [])).toEqual(['channel', 'details.reciprocityUndertaking']);
    expect(countryMissing({ ...filled, legalBasis: 'BUDAPEST_CONVENTION' }, singapore, [])).toEqual(['legalBasis']);
    expect(countryMissing(complete, undefined, [])).toEqual([]);
  });

  it('sends the language and the details filled in, trimmed', () => {
    expect(toDraftBody({ ...complete, details: { maximumPenalty: ' Life ', offenceMeasureLink: ' ' } })).toMatchObject({ language: 'vi', details: { maximumPenalty: 'Life' } });
  });
});

describe('the writer’s completeness check (DESIGN §4, as submit)', () => {
  it('passes a complete draft', () => {
    expect(missingForSubmit(complete)).toEqual([]);
  });

  it('names every missing field as the API does', () => {
    const empty = { ...complete, title: ' ', offenceDescription: '', offenceProvision: '', facts: '', measures: [{ value: '' }], identifiers: [] };
    expect(missingForSubmit(empty)).toEqual(['title', 'offence.description', 'offence.provision', 'facts', 'measures', 'identifiers']);
  });

  it('needs no identifier for a witness statement, and a treaty name for a bilateral treaty', () => {
    expect(missingForSubmit({ ...complete, type: 'WITNESS_STATEMENT', identifiers: [] })).toEqual([]);
    expect(missingForSubmit({ ...complete, legalBasis: 'BILATERAL_TREATY' })).toEqual(['treatyName']);
    expect(missingForSubmit({ ...complete, legalBasis: 'BILATERAL_TREATY', treatyName: 'VN–SG treaty' })).toEqual([]);
  });

  it('needs an IP address’s time and zone', () => {
    const ip = (observedLocal: string, observedZone: string) => ({ ...complete, identifiers: [{ kind: 'EMAIL' as const, value: 'a@b.example', observedLocal: '', observedZone: '' }, { kind: 'IP_ADDRESS' as const, value: '203.0.113.7', observedLocal, observedZone }] });
    expect(missingForSubmit(ip('', 'Asia/Singapore'))).toEqual(['identifiers[1].observedAt']);
    expect(missingForSubmit(ip('2026-11-01T10:00', ''))).toEqual(['identifiers[1].observedAt']);
  });

  it('sends an IP address’s time with its zone’s offset, and reads it back', () => {
    const body = toDraftBody(complete);
    expect(body.identifiers).toEqual([{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedAt: '2026-11-01T10:00:00+07:00' }]);
    expect(splitObservedAt('2026-11-01T10:00:00+08:00', ['Asia/Ho_Chi_Minh'])).toEqual({ observedLocal: '2026-11-01T10:00', observedZone: 'Asia/Singapore' });
    expect(splitObservedAt('2026-11-01T10:00:00Z', ['Asia/Ho_Chi_Minh'])).toEqual({ observedLocal: '2026-11-01T10:00', observedZone: 'Europe/London' });
  });

  it('takes a field the form registered but has not given a value yet (a country’s detail, a new measure) as empty, never failing', () => {
    // react-hook-form registers a field before its input mounts; a render in between (a busy machine) sees undefined
    const v = { ...emptyValues('Asia/Ho_Chi_Minh', 'vi'), details: { maximumPenalty: undefined, criminalMatterCertificate: ' Yes ' }, measures: [{}, { value: ' Preserve ' }] } as unknown as WriterValues;
    const body = toDraftBody(v);
    expect(body.details).toEqual({ criminalMatterCertificate: 'Yes' });
    expect(body.measures).toEqual(['Preserve']);
    expect(missingForSubmit(v)).toContain('facts');
  });
});
