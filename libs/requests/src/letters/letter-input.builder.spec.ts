import { letterInputOf, dayIn, sentLetterLanguage } from './letter-input.builder';
import type { RequestRow } from '../request.row';

const row = {
  reference: 'VN-2026-000042',
  type: 'SUBSCRIBER_INFO',
  requestingAuthorityCode: 'VN-HCM-PROS',
  requestingAuthorityName: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh',
  requestingAuthorityTimezone: 'Asia/Ho_Chi_Minh',
  requestingCountry: 'VN',
  requestedAuthorityCode: 'SG-CA',
  requestedAuthorityName: "Attorney-General's Chambers",
  requestedCountry: 'SG',
  legalBasis: 'ASEAN_MLAT_2004',
  treatyName: null,
  title: 'Lừa đảo',
  offence: { description: 'Fraud', provision: 'Penal Code art. 174' },
  facts: 'Victims paid.',
  measures: ['Produce the subscriber data', '  '],
  identifiers: [{ kind: 'EMAIL', value: 'x@example.com' }],
  details: { maximumPenalty: 'Life imprisonment', unknownKey: 'kept with its key', blank: '  ' },
  confidential: true,
  priority: 'URGENT',
  neededBy: '2027-01-15',
} as unknown as RequestRow;

const requiredDetails = [{ key: 'maximumPenalty', label: { en: 'Maximum penalty', vi: 'Mức hình phạt cao nhất' }, appliesTo: {}, source: 'MACMA s. 19' }];

describe('letterInputOf: the letter says what the request holds', () => {
  const people = { drafter: { displayName: 'Nguyễn Văn An', email: 'a@vn.example' }, sender: { displayName: 'Trần Thị Bình', email: 'b@vn.example' }, sendingAuthorityName: 'Viet Nam Central Authority' };

  it('labels the country’s details in the letter’s language, content as written; blank lines and details left out', () => {
    const vi = letterInputOf({ row, documents: [], people, requiredDetails, date: '2026-12-01', language: 'vi' });
    expect(vi.additionalInformation).toEqual([
      { label: 'Mức hình phạt cao nhất', value: 'Life imprisonment' },
      { label: 'unknownKey', value: 'kept with its key' },
    ]);
    expect(vi.measures).toEqual(['Produce the subscriber data']);
    expect(vi.signatory).toMatchObject({ name: 'Nguyễn Văn An', title: 'Kiểm sát viên', authority: row.requestingAuthorityName });
    expect(vi.contact).toEqual({ authority: 'Viet Nam Central Authority', officer: 'Trần Thị Bình', email: 'b@vn.example' });
    expect(letterInputOf({ row, documents: [], people, requiredDetails, date: '2026-12-01', language: 'en' }).additionalInformation?.[0]?.label).toBe('Maximum penalty');
  });

  it('before send, the requesting authority is the contact and no officer is named', () => {
    const draft = letterInputOf({ row, documents: [], people: { drafter: null, sender: null, sendingAuthorityName: null }, requiredDetails: [], date: '2026-12-01', language: 'en' });
    expect(draft.contact).toEqual({ authority: row.requestingAuthorityName, officer: undefined, email: undefined });
    expect(draft.identifiers).toEqual([{ kind: 'EMAIL', value: 'x@example.com', observedAt: null }]);
  });

  it('dates the letter in the requesting authority’s zone', () => {
    expect(dayIn('Asia/Ho_Chi_Minh', new Date('2026-11-30T18:30:00Z'))).toBe('2026-12-01');
    expect(dayIn('America/New_York', new Date('2026-11-30T18:30:00Z'))).toBe('2026-11-30');
  });
});

describe('sentLetterLanguage: the requested country’s own language when letters are rendered in it, English otherwise', () => {
  it.each([
    [['vi', 'en'], 'vi'],
    [['en'], 'en'],
    [['th', 'en'], 'en'],
    [undefined, 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(sentLetterLanguage(languages, ['en', 'vi'])).toBe(expected);
  });
});
