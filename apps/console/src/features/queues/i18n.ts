const en = {
  review: 'To review and send',
  reviewSubtitle: "Your country's requests submitted by its prosecutors: check them, then send them abroad or return them.",
  incoming: 'Incoming',
  incomingSubtitle: 'Requests addressed to your authority by other countries.',
  includeFinished: 'Include finished requests',
  nextDeadline: 'Next deadline',
  noDeadline: 'None open',
  toChase: 'To chase',
  toChaseSubtitle: 'Requests to authorities that work on no MLA Hub whose chase interval has run out, the longest run out first: send a chaser from the request.',
  chaseDueSince: 'Chaser due since',
  chasesSent: 'Chasers sent',
  caption: '{{title}}, sortable by reference, who acts next and next deadline',
};
type Messages = typeof en;
const vi: Messages = {
  review: 'Cần xem xét và gửi',
  reviewSubtitle: 'Các yêu cầu của nước bạn do kiểm sát viên trình: kiểm tra, rồi gửi ra nước ngoài hoặc trả lại.',
  incoming: 'Yêu cầu đến',
  incomingSubtitle: 'Các yêu cầu nước khác gửi đến cơ quan của bạn.',
  includeFinished: 'Gồm cả yêu cầu đã kết thúc',
  nextDeadline: 'Thời hạn gần nhất',
  noDeadline: 'Không có thời hạn đang tính',
  toChase: 'Cần đôn đốc',
  toChaseSubtitle: 'Các yêu cầu gửi cơ quan không dùng MLA Hub đã hết thời hạn chờ, yêu cầu quá hạn lâu nhất ở trên cùng: gửi công văn đôn đốc từ trang yêu cầu.',
  chaseDueSince: 'Cần đôn đốc từ',
  chasesSent: 'Số lần đã đôn đốc',
  caption: '{{title}}, sắp xếp được theo số tham chiếu, bên cần xử lý tiếp và thời hạn gần nhất',
};
export const queuesMessages = { en, vi };
