/**
 * A realistic letter from Viet Nam to Singapore (fictitious case), for the tests and the
 * benchmark: `measures` and `identifiers` make it as long as needed.
 */
import type { LetterLayout } from '@mla/domain';
import type { LetterInput } from './letter-input';

/**
 * The sample's layout: the order the request's descriptor gives its fields (REQUEST_FIELDS'
 * `letter` in @mla/requests, which a test there compares with this one).
 */
export const SAMPLE_LETTER_LAYOUT: LetterLayout = [
  { section: 'authorities', fields: ['requestingAuthorityId', 'requestedAuthorityId'] },
  { section: 'legalBasis', fields: ['legalBasis', 'treatyName'] },
  { section: 'subject', fields: ['title', 'type'] },
  { section: 'offence', fields: ['offence'] },
  { section: 'facts', fields: ['facts'] },
  { section: 'assistance', fields: ['measures'] },
  { section: 'identifiers', fields: ['identifiers'] },
  { section: 'preservation', fields: [] },
  { section: 'additional', fields: ['details'] },
  { section: 'urgency', fields: ['priority', 'neededBy'] },
  { section: 'confidentiality', fields: ['confidential'] },
  { section: 'documents', fields: [] },
  { section: 'contact', fields: [] },
];

export interface SampleLetterOptions {
  measures?: number;
  identifiers?: number;
  documents?: number;
  type?: LetterInput['type'];
  confidential?: boolean;
  /** The number from the register (none: a draft, "Số: …/…"). */
  number?: number | null;
}

export function sampleLetterInput(options: SampleLetterOptions = {}): LetterInput {
  const { measures = 3, identifiers = 3, documents = 2, type = 'SUBSCRIBER_INFO', confidential = true, number = null } = options;
  const measureTexts = [
    'Provide the subscriber information (name, address, date of registration, means of payment) of the account holding the identifiers below.',
    'Provide the log-in IP addresses, with dates, times and time zone, of the account from 1 January 2026 to 28 February 2026.',
    'Confirm whether the data have been preserved and for how long they will be kept.',
  ];
  return {
    reference: 'VN-2026-000042',
    date: '2026-03-12',
    heading: {
      superior: 'Viện kiểm sát nhân dân tối cao',
      place: 'TP. Hồ Chí Minh',
      number,
      symbol: number ? 'VKSHCM-HTQT' : null,
      copyTo: ['Viện kiểm sát nhân dân tối cao'],
    },
    layout: SAMPLE_LETTER_LAYOUT,
    type,
    requesting: { code: 'VN-HCM-PROS', name: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh', country: 'VN' },
    requested: { code: 'SG-CA', name: "Attorney-General's Chambers, International Affairs Division", country: 'SG' },
    legalBasis: 'ASEAN_MLAT_2004',
    title: 'Lừa đảo chiếm đoạt tài sản qua mạng: đầu tư tiền ảo giả mạo "SaigonCoin"',
    offence: {
      description: 'Lừa đảo chiếm đoạt tài sản (fraud by deception, appropriating property)',
      provision:
        'Bộ luật Hình sự 2015, Điều 174 khoản 4: Phạm tội chiếm đoạt tài sản trị giá 500.000.000 đồng trở lên thì bị phạt tù từ 12 năm đến 20 năm hoặc tù chung thân.\n(Penal Code 2015, art. 174(4): appropriating property of VND 500,000,000 or more is punishable by 12 to 20 years of imprisonment or life imprisonment.)',
    },
    facts:
      'Từ tháng 1 đến tháng 2 năm 2026, một nhóm đối tượng đã quảng cáo trên mạng xã hội một sàn đầu tư tiền ảo giả mạo mang tên "SaigonCoin" và chiếm đoạt khoảng 12 tỷ đồng của 340 bị hại.\n' +
      'Between January and February 2026, a group advertised a fake crypto-asset exchange named "SaigonCoin" on social media and took about VND 12 billion from 340 victims. The victims were told to register on the web site and to transfer money to accounts controlled by the group. The site and the e-mail account used to contact victims are hosted by a provider established in Singapore.',
    measures: Array.from({ length: measures }, (_, i) => (i < measureTexts.length ? measureTexts[i] : `Measure ${i + 1}: provide the records of account no. ${1000 + i} held by SaigonCoin Pte. Ltd.`)),
    identifiers: Array.from({ length: identifiers }, (_, i) =>
      i % 3 === 0
        ? { kind: 'IP_ADDRESS' as const, value: `203.0.113.${(i % 250) + 1}`, observedAt: '2026-02-14T21:05:33+07:00' }
        : i % 3 === 1
          ? { kind: 'EMAIL' as const, value: `support${i}@saigoncoin.example`, observedAt: null }
          : { kind: 'DOMAIN' as const, value: `saigoncoin${i}.example`, observedAt: '2026-02-01T08:00:00+07:00' },
    ),
    ...(type === 'PRESERVATION' && {
      preservation: {
        dataToPreserve: 'Subscriber information, log-in IP addresses and the content of the mailbox support0@saigoncoin.example from 1 January 2026.',
        relationshipToOffence: 'The mailbox was used to deceive the victims and to send them the payment instructions.',
        custodianOrLocation: 'Example Mail Pte. Ltd., 1 Example Street, Singapore 000001.',
        necessity: 'The provider deletes the logs after 90 days; the suspects are closing their accounts.',
        followUpIntended: true,
      },
    }),
    additionalInformation: [
      { label: 'Maximum penalty of the offence', value: 'Life imprisonment (Penal Code 2015, art. 174(4)).' },
      { label: 'Link between the offence and the data sought', value: 'The account received the victims’ payments on 2 February 2026.' },
    ],
    confidential,
    confidentialityReason: confidential ? 'The suspects are not yet aware of the investigation.' : undefined,
    priority: 'URGENT',
    neededBy: '2026-04-15',
    neededByReason: 'The suspects are due to be charged by the end of April 2026.',
    documents: Array.from({ length: documents }, (_, i) => ({
      kind: i === 0 ? ('COURT_ORDER' as const) : ('TRANSLATION' as const),
      language: i === 0 ? 'vi' : 'en',
      fileName: i === 0 ? 'quyet-dinh-khoi-to.pdf' : `translation-${i}.pdf`,
      sha256: ((i + 1).toString(16) + 'a3f1c2e4b5d6978812ab34cd56ef7890'.repeat(2)).slice(0, 64),
    })),
    contact: {
      authority: 'Viện kiểm sát nhân dân tối cao (Central Authority of Viet Nam)',
      officer: 'Trần Thị Bình',
      email: 'tttp@vksndtc.example',
      phone: '+84 24 0000 0000',
      address: '44 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội',
    },
    signatory: { name: 'Nguyễn Văn An', title: 'Kiểm sát viên (Prosecutor)', authority: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh' },
  };
}
