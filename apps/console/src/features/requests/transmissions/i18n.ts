/**
 * The words of a request's transmissions panel (requests page, DESIGN §15): the signed messages
 * between this MLA Hub and the other country's, in words a prosecutor reads. `<at/>` stands
 * for a time shown in the reader's zone.
 */
const en = {
  title: 'Transmissions',
  intro: 'This request travels between this MLA Hub and {{peers}}, the other country’s MLA Hub, as signed messages. A message counts as delivered only when the receiving hub sends back a receipt signed with its key, and that signature is checked here. Times are in {{zone}}.',
  caption: 'Messages of this request between the two hubs',
  column: { message: 'Message', direction: 'Sent to or received from', status: 'Status' },
  written: 'Written on <at/>',
  direction: { OUT: 'Sent to {{peer}}', IN: 'Received from {{peer}}' },
  state: { PENDING: 'Waiting', DELIVERED: 'Delivered', REJECTED: 'Refused', DEAD: 'Not delivered', RECEIVED: 'Received' },
  status: {
    queued: 'Not sent yet: the first attempt is due on <at/>.',
    retrying: 'Not delivered yet: attempt {{count}} failed. The next attempt is due on <at/>.',
    delivered: 'Delivered to {{peer}} on <at/>, receipt verified.',
    deliveredAfter: 'It took {{count}} attempts.',
    rejected: 'Refused by {{peer}} on <at/>; its signed refusal was verified.',
    rejectedWhy: 'Reason: {{reason}} (code {{code}})',
    rejectedDetail: 'In the other hub’s words: {{detail}}',
    dead: 'Not delivered: given up after {{count}} failed attempts.',
    deadHelp: 'An administrator can send it again from the Peers screen once the other hub can be reached.',
    received: 'Received from {{peer}} on <at/>; this hub sent back its signed receipt.',
  },
  lastFailure: 'Why the last attempt failed: {{reason}}',
  reject: {
    INVALID_TRANSITION: 'the request’s state on the other hub no longer allows it (an act of the other side came first)',
    RULE_VIOLATED: 'the other hub does not accept it under its rules (for instance, an authority it does not serve)',
    NOT_FOUND: 'the other hub does not know this request or authority',
    CONFLICT: 'the other hub already holds a different message with the same identity',
    VALIDATION_FAILED: 'the message was not in the form the other hub expects',
    UNAUTHENTICATED: 'the other hub could not verify this hub’s signature',
    FORBIDDEN: 'the other hub has suspended its connection with this hub',
    other: 'the other hub gave a reason this screen does not know',
  },
};
type Messages = typeof en;
const vi: Messages = {
  title: 'Truyền gửi giữa các hệ thống',
  intro: 'Yêu cầu này được chuyển giữa hệ thống MLA Hub này và {{peers}}, hệ thống MLA Hub của nước kia, dưới dạng các thông điệp có chữ ký. Một thông điệp chỉ được coi là đã chuyển khi hệ thống nhận gửi lại biên nhận có chữ ký bằng khóa của họ, và chữ ký đó được kiểm tra tại đây. Thời gian theo múi giờ {{zone}}.',
  caption: 'Các thông điệp của yêu cầu này giữa hai hệ thống',
  column: { message: 'Thông điệp', direction: 'Gửi đến hoặc nhận từ', status: 'Tình trạng' },
  written: 'Lập lúc <at/>',
  direction: { OUT: 'Gửi đến {{peer}}', IN: 'Nhận từ {{peer}}' },
  state: { PENDING: 'Đang chờ', DELIVERED: 'Đã chuyển', REJECTED: 'Bị từ chối', DEAD: 'Không chuyển được', RECEIVED: 'Đã nhận' },
  status: {
    queued: 'Chưa gửi: lần gửi đầu tiên dự kiến lúc <at/>.',
    retrying: 'Chưa chuyển được: lần gửi thứ {{count}} không thành công. Lần gửi tiếp theo dự kiến lúc <at/>.',
    delivered: 'Đã chuyển đến {{peer}} lúc <at/>, biên nhận đã được xác minh.',
    deliveredAfter: 'Sau {{count}} lần gửi.',
    rejected: 'Bị {{peer}} từ chối lúc <at/>; văn bản từ chối có chữ ký của họ đã được xác minh.',
    rejectedWhy: 'Lý do: {{reason}} (mã {{code}})',
    rejectedDetail: 'Nguyên văn của hệ thống bên kia: {{detail}}',
    dead: 'Không chuyển được: đã dừng sau {{count}} lần gửi không thành công.',
    deadHelp: 'Quản trị viên có thể gửi lại từ màn hình Kết nối liên thông khi đã kết nối được với hệ thống kia.',
    received: 'Nhận từ {{peer}} lúc <at/>; hệ thống này đã gửi lại biên nhận có chữ ký.',
  },
  lastFailure: 'Lý do lần gửi gần nhất không thành công: {{reason}}',
  reject: {
    INVALID_TRANSITION: 'trạng thái của yêu cầu tại hệ thống kia không còn cho phép thao tác này (bên kia đã thao tác trước)',
    RULE_VIOLATED: 'hệ thống kia không chấp nhận theo quy định của họ (ví dụ: một cơ quan mà họ không phục vụ)',
    NOT_FOUND: 'hệ thống kia không biết yêu cầu hoặc cơ quan này',
    CONFLICT: 'hệ thống kia đã có một thông điệp khác cùng mã định danh',
    VALIDATION_FAILED: 'thông điệp không đúng định dạng mà hệ thống kia yêu cầu',
    UNAUTHENTICATED: 'hệ thống kia không xác minh được chữ ký của hệ thống này',
    FORBIDDEN: 'hệ thống kia đã tạm ngừng kết nối với hệ thống này',
    other: 'hệ thống kia nêu một lý do mà màn hình này không nhận biết',
  },
};
export const transmissionsMessages = { en, vi };
