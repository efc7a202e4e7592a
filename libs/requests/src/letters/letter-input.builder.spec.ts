import { letterInputOf, dayIn, sentLetterLanguage } from './letter-input.builder';
import { LETTER_SECTIONS, letterLayoutOf } from '@mla/domain';
import type { RequestRow } from '../request.row';
import { LETTER_LAYOUT, REQUEST_FIELDS } from '../domain/request-fields';

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
  const central = { name: 'Viet Nam Central Authority', names: { vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy of Viet Nam" } };
  const people = { drafter: { displayName: 'Nguyễn Văn An', email: 'a@vn.example' }, sender: { displayName: 'Trần Thị Bình', email: 'b@vn.example' }, sendingAuthority: central };

  it('labels the country’s details in the letter’s language, content as written; blank lines and details left out', () => {
    const vi = letterInputOf({ row, documents: [], people, requiredDetails, date: '2026-12-01', language: 'vi' });
    expect(vi.additionalInformation).toEqual([
      { label: 'Mức hình phạt cao nhất', value: 'Life imprisonment' },
      { label: 'unknownKey', value: 'kept with its key' },
    ]);
    expect(vi.measures).toEqual(['Produce the subscriber data']);
    expect(vi.signatory).toMatchObject({ name: 'Nguyễn Văn An', title: 'Kiểm sát viên', authority: row.requestingAuthorityName });
    expect(vi.contact).toEqual({ authority: 'Viện kiểm sát nhân dân tối cao', officer: 'Trần Thị Bình', email: 'b@vn.example' });
    expect(letterInputOf({ row, documents: [], people, requiredDetails, date: '2026-12-01', language: 'en' }).additionalInformation?.[0]?.label).toBe('Maximum penalty');
  });

  it('before send, the requesting authority is the contact and no officer is named', () => {
    const draft = letterInputOf({ row, documents: [], people: { drafter: null, sender: null, sendingAuthority: null }, requiredDetails: [], date: '2026-12-01', language: 'en' });
    expect(draft.contact).toEqual({ authority: row.requestingAuthorityName, officer: undefined, email: undefined });
    expect(draft.identifiers).toEqual([{ kind: 'EMAIL', value: 'x@example.com', observedAt: null }]);
  });

  it('names every authority in the letter’s language, heads it with the superior authority, the place and the number given', () => {
    const names = {
      requesting: { name: "People's Procuracy of Ho Chi Minh City", names: { vi: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh', en: "People's Procuracy of Ho Chi Minh City" } },
      requested: { name: "Attorney-General's Chambers", names: { en: "Attorney-General's Chambers", vi: 'Văn phòng Tổng Chưởng lý Singapore' } },
      superior: central,
      letterhead: { symbol: 'VKSHCM-HTQT', places: { vi: 'TP. Hồ Chí Minh', en: 'Ho Chi Minh City' } },
    };
    const facts = { row, documents: [], people: { ...people, ...names }, requiredDetails, date: '2026-12-06' };
    const vi = letterInputOf({ ...facts, language: 'vi', number: { number: 15, symbol: 'VKSHCM-HTQT' } });
    expect([vi.requesting.name, vi.requested.name, vi.signatory.authority]).toEqual(['Viện kiểm sát nhân dân Thành phố Hồ Chí Minh', 'Văn phòng Tổng Chưởng lý Singapore', 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh']);
    expect(vi.heading).toEqual({ superior: 'Viện kiểm sát nhân dân tối cao', place: 'TP. Hồ Chí Minh', number: 15, symbol: 'VKSHCM-HTQT', copyTo: ['Viện kiểm sát nhân dân tối cao'] });
    const en = letterInputOf({ ...facts, language: 'en' });
    expect([en.requesting.name, en.requested.name, en.contact.authority]).toEqual(["People's Procuracy of Ho Chi Minh City", "Attorney-General's Chambers", "Supreme People's Procuracy of Viet Nam"]);
    expect(en.heading).toMatchObject({ place: 'Ho Chi Minh City', number: null, symbol: null });
  });

  it('orders the letter’s fields as the descriptor says, and prints a field the letter has no wording for with its label', () => {
    expect(LETTER_LAYOUT.map((s) => s.section)).toEqual([...LETTER_SECTIONS]);
    // the treaty's contents (ASEAN MLAT art. 6), in its order
    expect(LETTER_LAYOUT.filter((s) => s.fields.length > 0).map((s) => s.fields)).toEqual([
      ['requestingAuthorityId', 'requestedAuthorityId'],
      ['legalBasis', 'treatyName'],
      ['title', 'type'],
      ['offence'],
      ['facts'],
      ['measures'],
      ['identifiers'],
      ['details'],
      ['priority', 'neededBy'],
      ['confidential'],
    ]);
    // a field added to the descriptor with its place in the letter is printed there
    const places = { ...Object.fromEntries(Object.entries(REQUEST_FIELDS).map(([k, f]) => [k, f.letter])), channel: { section: 'facts' as const, order: 2 } };
    const layout = letterLayoutOf(places);
    expect(layout.find((s) => s.section === 'facts')?.fields).toEqual(['facts', 'channel']);
    const input = letterInputOf({ row: { ...row, channel: 'CENTRAL_AUTHORITY' } as RequestRow, documents: [], people, requiredDetails: [], date: '2026-12-01', language: 'en', layout });
    expect(input.otherFields).toEqual({ channel: { label: 'channel', value: 'CENTRAL_AUTHORITY' } });
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
