/** The chaser's own words in English and Vietnamese (the request's content is printed as written). */
import type { TransmissionChannel } from '@mla/domain';
import type { ChaserOutstanding } from './chaser-input';
import type { LetterLanguage } from './letter-input';
import { LETTER_LABELS } from './letter-labels';

export interface ChaserLabels {
  title: string;
  headerTitle: string;
  reference: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  opening: (to: string, reference: string, direction: 'OUTGOING' | 'INCOMING') => string;
  sentHeading: string;
  sent: (date: string, channel: string, reference: string) => string;
  notSent: string;
  outstandingHeading: string;
  outstanding: Record<ChaserOutstanding['kind'], string>;
  since: string;
  dueBy: string;
  overdue: string;
  earlierHeading: string;
  noEarlier: string;
  earlierColumns: [string, string, string, string];
  closing: string;
  contactHeading: string;
  contact: { officer: string; email: string; phone: string; address: string };
  channels: Record<TransmissionChannel, string>;
  page: (current: number, count: number) => string;
  formatDate: (isoDate: string) => string;
}

const EN: ChaserLabels = {
  title: 'Follow-up note',
  headerTitle: 'Request for mutual legal assistance in criminal matters: follow-up',
  reference: 'Our reference',
  date: 'Date',
  from: 'From',
  to: 'To',
  subject: 'Subject',
  opening: (to, reference, direction) =>
    direction === 'OUTGOING'
      ? `We refer to our request for mutual legal assistance ${reference} addressed to ${to}, and respectfully ask to be informed of its progress.`
      : `We refer to the request for mutual legal assistance that ${to} addressed to us, registered under ${reference}, and respectfully ask for the following.`,
  sentHeading: 'The request',
  sent: (date, channel, reference) => `Sent on ${date} by ${channel}, under reference ${reference}.`,
  notSent: 'The dispatch of the request is not recorded.',
  outstandingHeading: 'What is outstanding',
  outstanding: {
    ACKNOWLEDGEMENT: 'Acknowledgement of receipt of the request',
    PRESERVATION_CONFIRMATION: 'Confirmation that the data are preserved',
    EXECUTION: 'Execution of the request and the evidence obtained',
    INFO_RESPONSE: 'The additional information we asked for',
    PRESERVATION_EXPIRY: 'The follow-up request for the preserved data',
    REVIEW: 'Review of the request',
    ANSWER: 'An answer to the request',
  },
  since: 'awaited since',
  dueBy: 'expected by',
  overdue: 'overdue',
  earlierHeading: 'Earlier follow-ups',
  noEarlier: 'This is our first follow-up.',
  earlierColumns: ['No.', 'Date', 'Channel', 'Reference'],
  closing: 'We would be grateful for your reply at your earliest convenience, quoting our reference. Please accept the assurances of our highest consideration.',
  contactHeading: 'Contact',
  contact: LETTER_LABELS.en.contact,
  channels: {
    DIPLOMATIC: 'diplomatic channel',
    CENTRAL_AUTHORITY_MAIL: 'post between central authorities',
    EMAIL: 'e-mail',
    INTERPOL: 'INTERPOL channel',
    NETWORK_24_7: '24/7 network',
    COURIER: 'courier',
    OTHER: 'another channel',
  },
  page: LETTER_LABELS.en.page,
  formatDate: LETTER_LABELS.en.formatDate,
};

const VI: ChaserLabels = {
  title: 'Công văn đôn đốc',
  headerTitle: 'Yêu cầu tương trợ tư pháp về hình sự: đôn đốc',
  reference: 'Số tham chiếu',
  date: 'Ngày lập',
  from: 'Nơi gửi',
  to: 'Kính gửi',
  subject: 'V/v',
  opening: (to, reference, direction) =>
    direction === 'OUTGOING'
      ? `Chúng tôi xin tham chiếu yêu cầu tương trợ tư pháp số ${reference} đã gửi ${to} và trân trọng đề nghị Quý cơ quan thông báo tình hình thực hiện yêu cầu.`
      : `Chúng tôi xin tham chiếu yêu cầu tương trợ tư pháp mà ${to} đã gửi cho chúng tôi, được đăng ký với số ${reference}, và trân trọng đề nghị như sau.`,
  sentHeading: 'Yêu cầu',
  sent: (date, channel, reference) => `Đã gửi ${date} qua ${channel}, số tham chiếu ${reference}.`,
  notSent: 'Việc chuyển yêu cầu chưa được ghi nhận.',
  outstandingHeading: 'Nội dung đang chờ',
  outstanding: {
    ACKNOWLEDGEMENT: 'Xác nhận đã nhận yêu cầu',
    PRESERVATION_CONFIRMATION: 'Xác nhận đã bảo quản dữ liệu',
    EXECUTION: 'Kết quả thực hiện yêu cầu và chứng cứ thu thập được',
    INFO_RESPONSE: 'Thông tin bổ sung mà chúng tôi đã đề nghị',
    PRESERVATION_EXPIRY: 'Yêu cầu tiếp theo đối với dữ liệu đã được bảo quản',
    REVIEW: 'Việc xem xét yêu cầu',
    ANSWER: 'Trả lời đối với yêu cầu',
  },
  since: 'chờ từ',
  dueBy: 'hạn dự kiến',
  overdue: 'quá hạn',
  earlierHeading: 'Các lần đôn đốc trước',
  noEarlier: 'Đây là lần đôn đốc đầu tiên.',
  earlierColumns: ['Lần', 'Ngày', 'Kênh', 'Số tham chiếu'],
  closing: 'Chúng tôi rất mong sớm nhận được trả lời của Quý cơ quan, đề nghị ghi rõ số tham chiếu của chúng tôi. Xin gửi tới Quý cơ quan lời chào trân trọng.',
  contactHeading: 'Đầu mối liên hệ',
  contact: LETTER_LABELS.vi.contact,
  channels: {
    DIPLOMATIC: 'đường ngoại giao',
    CENTRAL_AUTHORITY_MAIL: 'đường bưu chính giữa các cơ quan trung ương',
    EMAIL: 'thư điện tử',
    INTERPOL: 'kênh INTERPOL',
    NETWORK_24_7: 'mạng lưới 24/7',
    COURIER: 'chuyển phát',
    OTHER: 'kênh khác',
  },
  page: LETTER_LABELS.vi.page,
  formatDate: LETTER_LABELS.vi.formatDate,
};

export const CHASER_LABELS: Record<LetterLanguage, ChaserLabels> = { en: EN, vi: VI };
