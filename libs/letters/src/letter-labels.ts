/**
 * The letter's own words, in English and Vietnamese (the content of the request is printed as
 * written). Vietnamese follows the wording of Vietnamese legal texts on mutual legal assistance
 * (Luật Tương trợ tư pháp; Công ước Budapest as translated by the Ministry of Justice).
 */
import type { IdentifierKind, LegalBasis, LetterSection, Priority, RequestType, SupportingDocumentKind } from '@mla/domain';
import type { LetterLanguage } from './letter-input';

export interface LetterLabels {
  title: string;
  titlePreservation: string;
  headerTitle: string;
  confidentialMark: string;
  reference: string;
  date: string;
  from: string;
  to: string;
  opening: (requesting: string, requested: string, basis: string) => string;
  sections: Record<LetterSection, string>;
  requestingAuthority: string;
  requestedAuthority: string;
  requestType: string;
  offenceDescription: string;
  provision: string;
  identifierColumns: [string, string, string];
  none: string;
  preservation: { a: string; b: string; seeSections: (facts: number) => string; c: string; relationship: string; d: string; e: string; f: string; fYes: string; fNo: string };
  priority: string;
  neededBy: string;
  reason: string;
  noTimeLimit: string;
  confidentialYes: string;
  confidentialNo: string;
  documentColumns: [string, string, string];
  noDocument: string;
  hashNote: string;
  contact: { officer: string; email: string; phone: string; address: string };
  /** "Số: 05/VKSHCM-HTQT" / "No. 5/VKSHCM-HTQT"; a draft's unfilled ("Số: …/…"). */
  letterNumber: (number: number | null | undefined, symbol: string | null | undefined) => string;
  /** Place and date: "TP. Hồ Chí Minh, ngày 06 tháng 12 năm 2026" / "Ho Chi Minh City, 6 December 2026". */
  placeDate: (place: string | null | undefined, isoDate: string) => string;
  ourReference: string;
  /** The summary under the number (vi: "V/v …") or the subject line (en: "Subject: …"). */
  summary: (title: string) => string;
  salutation: string | null;
  closing: (requesting: string, requested: string) => string;
  valediction: string | null;
  signatureSeal: string;
  recipients: string;
  /** The addressee in the recipients (vi: "Như trên"), or none. */
  recipientsAddressee: string | null;
  forInformation: (authority: string) => string;
  /** The issuing authority's own copy (vi: "Lưu: VT, hồ sơ"), or none. */
  fileCopy: string | null;
  enclosures: string;
  page: (current: number, count: number) => string;
  formatDate: (isoDate: string) => string;
  types: Record<RequestType, string>;
  priorities: Record<Priority, string>;
  identifierKinds: Record<IdentifierKind, string>;
  documentKinds: Record<SupportingDocumentKind, string>;
  legalBases: Record<Exclude<LegalBasis, 'BILATERAL_TREATY'>, string>;
  bilateralTreaty: (name?: string) => string;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const parts = (iso: string): [number, number, number] => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`"${iso}" is not a date YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

const EN: LetterLabels = {
  title: 'REQUEST FOR MUTUAL LEGAL ASSISTANCE IN CRIMINAL MATTERS',
  titlePreservation: 'REQUEST FOR THE EXPEDITED PRESERVATION OF STORED COMPUTER DATA',
  headerTitle: 'Request for mutual legal assistance in criminal matters',
  confidentialMark: 'CONFIDENTIAL',
  reference: 'Reference',
  date: 'Date',
  from: 'From',
  to: 'To',
  opening: (requesting, requested, basis) =>
    `The ${requesting} presents its compliments to the ${requested} and, under the ${basis}, requests the assistance described below.`,
  letterNumber: (number, symbol) => `No. ${number ? `${number}/${symbol ?? ''}` : '…/…'}`,
  placeDate: (place, iso) => `${place ? `${place}, ` : ''}${EN.formatDate(iso)}`,
  ourReference: 'Our reference',
  summary: (title) => `Subject: ${title}`,
  salutation: 'Dear Sir or Madam,',
  closing: (requesting, requested) =>
    `The ${requesting} thanks the ${requested} for its co-operation and avails itself of this opportunity to renew the assurances of its highest consideration.`,
  valediction: 'Yours faithfully,',
  signatureSeal: '(Signature and official seal)',
  recipients: 'Copy to',
  recipientsAddressee: null,
  forInformation: (authority) => authority,
  fileCopy: null,
  enclosures: 'Enclosures',
  sections: {
    authorities: 'Requesting and requested authorities',
    legalBasis: 'Legal basis',
    subject: 'Subject and nature of the investigation',
    offence: 'Offence and applicable law',
    facts: 'Summary of the facts',
    assistance: 'Assistance sought',
    identifiers: 'Identifiers',
    preservation: 'Preservation of stored computer data (Budapest Convention, art. 29(2))',
    additional: 'Further information required by the requested State',
    urgency: 'Urgency and time limit',
    confidentiality: 'Confidentiality',
    documents: 'Supporting documents',
    contact: 'Contact point',
  },
  requestingAuthority: 'Requesting authority',
  requestedAuthority: 'Requested authority',
  requestType: 'Type of request',
  offenceDescription: 'Offence',
  provision: 'Text of the law',
  identifierColumns: ['Kind', 'Value', 'Observed at (time zone)'],
  none: 'None.',
  preservation: {
    a: 'Authority seeking the preservation',
    b: 'Offence under investigation and brief summary of the facts',
    seeSections: (facts) => `Summary of the facts: see section ${facts}.`,
    c: 'Stored computer data to be preserved',
    relationship: 'Relationship to the offence',
    d: 'Custodian of the data or location of the computer system',
    e: 'Necessity of the preservation',
    f: 'Request for mutual assistance to follow',
    fYes: 'The requesting Party intends to submit a request for mutual assistance for the search or similar access, seizure or similar securing, or disclosure of the stored computer data.',
    fNo: 'The requesting Party has not yet decided whether to submit a request for mutual assistance for these data.',
  },
  priority: 'Priority',
  neededBy: 'Needed by',
  reason: 'Reason',
  noTimeLimit: 'No particular time limit is requested.',
  confidentialYes: 'The requesting authority asks that the existence and the content of this request be kept confidential, except to the extent necessary to execute it.',
  confidentialNo: 'No confidentiality is requested beyond the usual handling of requests for mutual legal assistance.',
  documentColumns: ['Document', 'Language', 'File and its SHA-256'],
  noDocument: 'No supporting document.',
  hashNote: 'Each file is identified by its SHA-256 digest.',
  contact: { officer: 'Officer', email: 'E-mail', phone: 'Telephone', address: 'Address' },
  page: (current, count) => `Page ${current} of ${count}`,
  formatDate: (iso) => {
    const [y, m, d] = parts(iso);
    return `${d} ${EN_MONTHS[m - 1]} ${y}`;
  },
  types: {
    PRESERVATION: 'Preservation of stored computer data',
    SUBSCRIBER_INFO: 'Subscriber information',
    TRAFFIC_DATA: 'Traffic data',
    CONTENT_DATA: 'Content data',
    SEIZED_DEVICE: 'Seized device',
    WITNESS_STATEMENT: 'Witness statement',
    OTHER: 'Other assistance',
  },
  priorities: {
    ROUTINE: 'Routine',
    URGENT: 'Urgent',
    EMERGENCY: 'Emergency: imminent risk to life or of loss of evidence',
  },
  identifierKinds: {
    IP_ADDRESS: 'IP address',
    EMAIL: 'E-mail address',
    PHONE: 'Telephone number',
    ACCOUNT: 'Account or handle',
    DOMAIN: 'Domain name',
    URL: 'URL',
    IMEI: 'Device IMEI',
    WALLET: 'Wallet address',
  },
  documentKinds: {
    COURT_ORDER: 'Court order',
    WARRANT: 'Warrant',
    TRANSLATION: 'Translation',
    LETTER_SIGNED: 'Signed letter of request',
    OTHER: 'Other document',
    CORRESPONDENCE: 'Correspondence',
  },
  legalBases: {
    ASEAN_MLAT_2004: 'Treaty on Mutual Legal Assistance in Criminal Matters (ASEAN), done at Kuala Lumpur on 29 November 2004',
    BUDAPEST_CONVENTION: 'Convention on Cybercrime (CETS No. 185), done at Budapest on 23 November 2001',
    BUDAPEST_SECOND_PROTOCOL: 'Second Additional Protocol to the Convention on Cybercrime on enhanced co-operation and disclosure of electronic evidence (CETS No. 224)',
    UN_CYBERCRIME_CONVENTION: 'United Nations Convention against Cybercrime',
    RECIPROCITY: 'principle of reciprocity',
  },
  bilateralTreaty: (name) => name ?? 'bilateral treaty on mutual legal assistance in criminal matters between the two States',
};

const VI: LetterLabels = {
  title: 'YÊU CẦU TƯƠNG TRỢ TƯ PHÁP VỀ HÌNH SỰ',
  titlePreservation: 'YÊU CẦU BẢO QUẢN KHẨN CẤP DỮ LIỆU MÁY TÍNH ĐƯỢC LƯU TRỮ',
  headerTitle: 'Yêu cầu tương trợ tư pháp về hình sự',
  confidentialMark: 'MẬT',
  reference: 'Số tham chiếu',
  date: 'Ngày',
  from: 'Cơ quan gửi',
  to: 'Kính gửi',
  opening: (requesting, requested, basis) => `Căn cứ ${basis}, ${requesting} đề nghị ${requested} thực hiện tương trợ tư pháp về hình sự với nội dung sau đây:`,
  letterNumber: (number, symbol) => `Số: ${number ? `${String(number).padStart(2, '0')}/${symbol ?? ''}` : '…/…'}`,
  placeDate: (place, iso) => `${place ? `${place}, ` : ''}${VI.formatDate(iso)}`,
  ourReference: 'Số tham chiếu',
  summary: (title) => `V/v ${title}`,
  salutation: null,
  closing: (requesting, requested) => `${requesting} đề nghị ${requested} xem xét, thực hiện yêu cầu nêu trên và trân trọng cảm ơn sự hợp tác của Quý cơ quan./.`,
  valediction: null,
  signatureSeal: '(Ký tên, đóng dấu)',
  recipients: 'Nơi nhận',
  recipientsAddressee: 'Như trên',
  forInformation: (authority) => `${authority} (để báo cáo)`,
  fileCopy: 'Lưu: VT, hồ sơ',
  enclosures: 'Tài liệu kèm theo',
  sections: {
    authorities: 'Cơ quan yêu cầu và cơ quan được yêu cầu',
    legalBasis: 'Căn cứ pháp lý',
    subject: 'Nội dung và tính chất của vụ việc đang được điều tra',
    offence: 'Tội danh và quy định pháp luật được áp dụng',
    facts: 'Tóm tắt nội dung vụ việc',
    assistance: 'Nội dung tương trợ tư pháp được yêu cầu',
    identifiers: 'Thông tin định danh',
    preservation: 'Bảo quản dữ liệu máy tính được lưu trữ (Điều 29(2) Công ước Budapest)',
    additional: 'Thông tin bổ sung theo yêu cầu của nước được yêu cầu',
    urgency: 'Mức độ khẩn cấp và thời hạn',
    confidentiality: 'Yêu cầu giữ bí mật',
    documents: 'Tài liệu kèm theo',
    contact: 'Đầu mối liên hệ',
  },
  requestingAuthority: 'Cơ quan yêu cầu',
  requestedAuthority: 'Cơ quan được yêu cầu',
  requestType: 'Loại yêu cầu',
  offenceDescription: 'Tội danh',
  provision: 'Nội dung điều luật',
  identifierColumns: ['Loại', 'Giá trị', 'Thời điểm ghi nhận (múi giờ)'],
  none: 'Không có.',
  preservation: {
    a: 'Cơ quan yêu cầu bảo quản',
    b: 'Tội phạm đang được điều tra và tóm tắt các tình tiết liên quan',
    seeSections: (facts) => `Tóm tắt nội dung vụ việc: xem mục ${facts}.`,
    c: 'Dữ liệu máy tính được lưu trữ cần bảo quản',
    relationship: 'Mối liên hệ với tội phạm',
    d: 'Người lưu giữ dữ liệu hoặc vị trí của hệ thống máy tính',
    e: 'Sự cần thiết của việc bảo quản',
    f: 'Yêu cầu tương trợ tư pháp tiếp theo',
    fYes: 'Bên yêu cầu dự định gửi yêu cầu tương trợ tư pháp để khám xét hoặc truy cập tương tự, thu giữ hoặc bảo đảm tương tự, hoặc tiết lộ dữ liệu máy tính được lưu trữ nêu trên.',
    fNo: 'Bên yêu cầu chưa quyết định việc gửi yêu cầu tương trợ tư pháp đối với dữ liệu này.',
  },
  priority: 'Mức độ ưu tiên',
  neededBy: 'Đề nghị thực hiện trước ngày',
  reason: 'Lý do',
  noTimeLimit: 'Không yêu cầu thời hạn cụ thể.',
  confidentialYes: 'Cơ quan yêu cầu đề nghị giữ bí mật việc có yêu cầu này và nội dung của yêu cầu, trừ trường hợp cần thiết để thực hiện yêu cầu.',
  confidentialNo: 'Không có yêu cầu giữ bí mật ngoài việc xử lý thông thường đối với yêu cầu tương trợ tư pháp.',
  documentColumns: ['Tài liệu', 'Ngôn ngữ', 'Tệp và giá trị băm SHA-256'],
  noDocument: 'Không có tài liệu kèm theo.',
  hashNote: 'Mỗi tệp được xác định bằng giá trị băm SHA-256.',
  contact: { officer: 'Cán bộ phụ trách', email: 'Thư điện tử', phone: 'Điện thoại', address: 'Địa chỉ' },
  page: (current, count) => `Trang ${current} / ${count}`,
  formatDate: (iso) => {
    const [y, m, d] = parts(iso);
    // Decree 30/2020/NĐ-CP, Appendix I: a day below 10 and the months 1 and 2 take a leading zero.
    return `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${y}`;
  },
  types: {
    PRESERVATION: 'Bảo quản dữ liệu máy tính được lưu trữ',
    SUBSCRIBER_INFO: 'Thông tin thuê bao',
    TRAFFIC_DATA: 'Dữ liệu lưu lượng',
    CONTENT_DATA: 'Dữ liệu nội dung',
    SEIZED_DEVICE: 'Thiết bị bị thu giữ',
    WITNESS_STATEMENT: 'Lời khai của người làm chứng',
    OTHER: 'Tương trợ khác',
  },
  priorities: {
    ROUTINE: 'Thông thường',
    URGENT: 'Khẩn',
    EMERGENCY: 'Khẩn cấp: nguy cơ trực tiếp đe dọa tính mạng hoặc làm mất chứng cứ',
  },
  identifierKinds: {
    IP_ADDRESS: 'Địa chỉ IP',
    EMAIL: 'Địa chỉ thư điện tử',
    PHONE: 'Số điện thoại',
    ACCOUNT: 'Tài khoản hoặc tên người dùng',
    DOMAIN: 'Tên miền',
    URL: 'Đường dẫn (URL)',
    IMEI: 'Số IMEI của thiết bị',
    WALLET: 'Địa chỉ ví',
  },
  documentKinds: {
    COURT_ORDER: 'Quyết định của Tòa án',
    WARRANT: 'Lệnh',
    TRANSLATION: 'Bản dịch',
    LETTER_SIGNED: 'Văn bản yêu cầu đã ký',
    OTHER: 'Tài liệu khác',
    CORRESPONDENCE: 'Thư từ trao đổi',
  },
  legalBases: {
    ASEAN_MLAT_2004: 'Hiệp định tương trợ tư pháp về hình sự giữa các nước ASEAN, ký tại Kuala Lumpur ngày 29 tháng 11 năm 2004',
    BUDAPEST_CONVENTION: 'Công ước về tội phạm mạng (CETS số 185), ký tại Budapest ngày 23 tháng 11 năm 2001',
    BUDAPEST_SECOND_PROTOCOL: 'Nghị định thư bổ sung thứ hai của Công ước về tội phạm mạng về tăng cường hợp tác và tiết lộ chứng cứ điện tử (CETS số 224)',
    UN_CYBERCRIME_CONVENTION: 'Công ước của Liên hợp quốc về chống tội phạm mạng',
    RECIPROCITY: 'nguyên tắc có đi có lại',
  },
  bilateralTreaty: (name) => name ?? 'Hiệp định tương trợ tư pháp về hình sự giữa hai nước',
};

export const LETTER_LABELS: Record<LetterLanguage, LetterLabels> = { en: EN, vi: VI };

/** The standard name of a legal basis in the letter's language (a bilateral treaty's own name when given). */
export function legalBasisName(labels: LetterLabels, basis: LegalBasis, treatyName?: string): string {
  if (basis === 'BILATERAL_TREATY') return labels.bilateralTreaty(treatyName);
  return treatyName ?? labels.legalBases[basis];
}
