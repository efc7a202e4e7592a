import i18next, { i18n } from 'i18next';

/**
 * Texts of notifications, in the recipient authority's language (DESIGN §7). English and
 * Vietnamese ship; any other language falls back to English.
 */
const en = {
  'request.submitted': { title: 'Request {{reference}} submitted for review', body: 'A prosecutor submitted request {{reference}} for review before it is sent abroad.' },
  'request.returned': { title: 'Request {{reference}} returned', body: 'The central authority returned request {{reference}} to the prosecutor for changes.' },
  'request.sent': { title: 'New request {{reference}} received', body: 'Request {{reference}} was sent to you and awaits acknowledgement.' },
  'request.sent@REQUESTING': { title: 'Request {{reference}} sent abroad', body: 'The central authority sent request {{reference}} to the requested authority; it awaits their acknowledgement.' },
  'request.acknowledged': { title: 'Request {{reference}} acknowledged', body: 'The requested authority acknowledged request {{reference}}.' },
  'request.preservation_confirmed': { title: 'Preservation confirmed for {{reference}}', body: 'The data of request {{reference}} are preserved; send the follow-up request before the preservation ends.' },
  'request.preservation_extended': { title: 'Preservation extended for {{reference}}', body: 'The preservation of request {{reference}} was extended.' },
  'request.execution_started': { title: 'Execution started for {{reference}}', body: 'The requested authority started executing request {{reference}}.' },
  'request.delay_reported': { title: 'Delay reported on {{reference}}', body: 'The requested authority reported a delay on request {{reference}}.' },
  'request.info_requested': { title: 'Information requested on {{reference}}', body: 'The requested authority asks for more information on request {{reference}}; the execution deadline is paused.' },
  'request.info_provided': { title: 'Information provided on {{reference}}', body: 'The requesting side answered the request for information on {{reference}}.' },
  'request.info_provided@REQUESTING': { title: 'Information provided on {{reference}}', body: 'The prosecutor answered the request for information on {{reference}}.' },
  'request.evidence_delivered': { title: 'Evidence delivered for {{reference}}', body: 'Evidence was delivered for request {{reference}}.' },
  'request.closed': { title: 'Request {{reference}} closed', body: 'Request {{reference}} was closed.' },
  'request.refused': { title: 'Request {{reference}} refused', body: 'The requested authority refused request {{reference}}.' },
  'request.withdrawn': { title: 'Request {{reference}} withdrawn', body: 'The requesting side withdrew request {{reference}}.' },
  'request.withdrawn@REQUESTING': { title: 'Request {{reference}} withdrawn', body: 'The prosecutor withdrew request {{reference}}.' },
  'request.expired': { title: 'Preservation {{reference}} expired', body: 'The preservation of request {{reference}} ended without a follow-up request.' },
  'request.follow_up_sent': { title: 'Follow-up sent for {{reference}}', body: 'The follow-up request to preservation {{reference}} was sent; the data stay preserved until it is decided.' },
  'deadline.reminder': { title: 'Reminder: {{kind}} due on {{reference}}', body: 'The {{kind}} deadline of request {{reference}} falls due at {{dueAt}}.' },
  'deadline.escalated': { title: 'Overdue (level {{level}}): {{kind}} on {{reference}}', body: 'The {{kind}} deadline of request {{reference}} passed at {{dueAt}} and is escalated to level {{level}}.' },
  'deadline.extended': { title: 'Deadline extended on {{reference}}', body: 'A supervisor extended the {{kind}} deadline of request {{reference}} to {{newDueAt}}.' },
  'deadline.recomputed': { title: 'Deadline moved on {{reference}}: working calendar of {{calendarCountry}}', body: 'The working calendar of {{calendarCountry}} changed: the {{kind}} deadline of request {{reference}} now falls due at {{newDueAt}}.' },
  'audit.user_assigned': {
    title: 'New {{role}} at {{authorityCode}}: {{email}}',
    body: 'An administrator ({{by}}) made {{displayName}} ({{email}}) a {{role}} of {{authorityCode}}. The change is in your country\'s audit (GET /audit).',
  },
  'audit.user_mfa_reset': {
    title: 'Second factor reset for {{email}}',
    body: 'An administrator ({{by}}) reset the second factor of {{displayName}} ({{email}}, {{role}}). The change is in your country\'s audit (GET /audit).',
  },
  'audit.password_reset': {
    title: 'Password reset for {{email}} ({{role}} at {{authorityCode}})',
    body: 'An administrator ({{by}}) reset the password of {{displayName}} ({{email}}), {{role}} at {{authorityCode}}: whoever holds the new password reads what this account reads. The change is in your country\'s audit (GET /audit).',
  },
  'audit.second_factor_reset': {
    title: 'Second factor reset for {{email}} ({{role}} at {{authorityCode}})',
    body: 'An administrator ({{by}}) reset the second factor of {{displayName}} ({{email}}), {{role}} at {{authorityCode}}: the account signs in with its password alone until a new one is enrolled. The change is in your country\'s audit (GET /audit).',
  },
  'audit.admin_granted': {
    title: 'New administrator: {{email}}',
    body: 'An administrator ({{by}}) made {{displayName}} ({{email}}) an ADMIN, who manages the users and authorities of every country. The change is in your country\'s audit (GET /audit).',
  },
  fallback: { title: 'Update on {{reference}}', body: 'Request {{reference}} changed.' },
};

type Texts = typeof en;

const vi: Texts = {
  'request.submitted': { title: 'Yêu cầu {{reference}} đã được trình duyệt', body: 'Kiểm sát viên đã trình yêu cầu {{reference}} để xem xét trước khi gửi ra nước ngoài.' },
  'request.returned': { title: 'Yêu cầu {{reference}} bị trả lại', body: 'Cơ quan trung ương đã trả lại yêu cầu {{reference}} cho kiểm sát viên để chỉnh sửa.' },
  'request.sent': { title: 'Đã nhận yêu cầu mới {{reference}}', body: 'Yêu cầu {{reference}} đã được gửi đến quý cơ quan và đang chờ xác nhận.' },
  'request.sent@REQUESTING': { title: 'Yêu cầu {{reference}} đã được gửi ra nước ngoài', body: 'Cơ quan trung ương đã gửi yêu cầu {{reference}} đến cơ quan được yêu cầu; yêu cầu đang chờ phía nước ngoài xác nhận tiếp nhận.' },
  'request.acknowledged': { title: 'Yêu cầu {{reference}} đã được xác nhận', body: 'Cơ quan được yêu cầu đã xác nhận đã nhận yêu cầu {{reference}}.' },
  'request.preservation_confirmed': { title: 'Đã xác nhận bảo quản dữ liệu cho {{reference}}', body: 'Dữ liệu của yêu cầu {{reference}} đang được bảo quản; hãy gửi yêu cầu tiếp theo trước khi hết hạn bảo quản.' },
  'request.preservation_extended': { title: 'Đã gia hạn bảo quản cho {{reference}}', body: 'Thời hạn bảo quản dữ liệu của yêu cầu {{reference}} đã được gia hạn.' },
  'request.execution_started': { title: 'Bắt đầu thực hiện {{reference}}', body: 'Cơ quan được yêu cầu đã bắt đầu thực hiện yêu cầu {{reference}}.' },
  'request.delay_reported': { title: 'Thông báo chậm trễ đối với {{reference}}', body: 'Cơ quan được yêu cầu thông báo việc thực hiện yêu cầu {{reference}} bị chậm trễ.' },
  'request.info_requested': { title: 'Đề nghị bổ sung thông tin cho {{reference}}', body: 'Cơ quan được yêu cầu đề nghị bổ sung thông tin cho yêu cầu {{reference}}; thời hạn thực hiện tạm dừng.' },
  'request.info_provided': { title: 'Đã bổ sung thông tin cho {{reference}}', body: 'Bên yêu cầu đã trả lời đề nghị bổ sung thông tin cho {{reference}}.' },
  'request.info_provided@REQUESTING': { title: 'Đã bổ sung thông tin cho {{reference}}', body: 'Kiểm sát viên đã trả lời đề nghị bổ sung thông tin cho yêu cầu {{reference}}.' },
  'request.evidence_delivered': { title: 'Đã chuyển giao chứng cứ cho {{reference}}', body: 'Chứng cứ đã được chuyển giao cho yêu cầu {{reference}}.' },
  'request.closed': { title: 'Yêu cầu {{reference}} đã kết thúc', body: 'Yêu cầu {{reference}} đã được đóng.' },
  'request.refused': { title: 'Yêu cầu {{reference}} bị từ chối', body: 'Cơ quan được yêu cầu đã từ chối yêu cầu {{reference}}.' },
  'request.withdrawn': { title: 'Yêu cầu {{reference}} đã được rút lại', body: 'Bên yêu cầu đã rút lại yêu cầu {{reference}}.' },
  'request.withdrawn@REQUESTING': { title: 'Yêu cầu {{reference}} đã được rút lại', body: 'Kiểm sát viên đã rút lại yêu cầu {{reference}}.' },
  'request.expired': { title: 'Hết hạn bảo quản {{reference}}', body: 'Thời hạn bảo quản dữ liệu của yêu cầu {{reference}} đã hết mà không có yêu cầu tiếp theo.' },
  'request.follow_up_sent': { title: 'Đã gửi yêu cầu tiếp theo cho {{reference}}', body: 'Yêu cầu tiếp theo của yêu cầu bảo quản {{reference}} đã được gửi; dữ liệu tiếp tục được bảo quản cho đến khi có quyết định.' },
  'deadline.reminder': { title: 'Nhắc hạn: {{kind}} của {{reference}}', body: 'Thời hạn {{kind}} của yêu cầu {{reference}} sẽ đến vào {{dueAt}}.' },
  'deadline.escalated': { title: 'Quá hạn (cấp {{level}}): {{kind}} của {{reference}}', body: 'Thời hạn {{kind}} của yêu cầu {{reference}} đã qua lúc {{dueAt}} và được báo cáo lên cấp {{level}}.' },
  'deadline.extended': { title: 'Đã gia hạn thời hạn của {{reference}}', body: 'Người giám sát đã gia hạn thời hạn {{kind}} của yêu cầu {{reference}} đến {{newDueAt}}.' },
  'deadline.recomputed': { title: 'Thời hạn của {{reference}} thay đổi theo lịch làm việc của {{calendarCountry}}', body: 'Lịch làm việc của {{calendarCountry}} đã thay đổi: thời hạn {{kind}} của yêu cầu {{reference}} nay đến hạn vào {{newDueAt}}.' },
  'audit.user_assigned': {
    title: '{{role}} mới tại {{authorityCode}}: {{email}}',
    body: 'Quản trị viên ({{by}}) đã chỉ định {{displayName}} ({{email}}) làm {{role}} của {{authorityCode}}. Thay đổi này được ghi trong nhật ký kiểm tra của quốc gia quý vị (GET /audit).',
  },
  'audit.user_mfa_reset': {
    title: 'Đã đặt lại xác thực hai lớp của {{email}}',
    body: 'Quản trị viên ({{by}}) đã đặt lại yếu tố xác thực thứ hai của {{displayName}} ({{email}}, {{role}}). Thay đổi này được ghi trong nhật ký kiểm tra của quốc gia quý vị (GET /audit).',
  },
  'audit.password_reset': {
    title: 'Đặt lại mật khẩu cho {{email}} ({{role}} tại {{authorityCode}})',
    body: 'Quản trị viên ({{by}}) đã đặt lại mật khẩu của {{displayName}} ({{email}}), {{role}} tại {{authorityCode}}: người giữ mật khẩu mới đọc được những gì tài khoản này đọc được. Thay đổi này được ghi trong nhật ký kiểm tra của quốc gia quý vị (GET /audit).',
  },
  'audit.second_factor_reset': {
    title: 'Đặt lại xác thực hai yếu tố cho {{email}} ({{role}} tại {{authorityCode}})',
    body: 'Quản trị viên ({{by}}) đã đặt lại yếu tố xác thực thứ hai của {{displayName}} ({{email}}), {{role}} tại {{authorityCode}}: tài khoản đăng nhập chỉ bằng mật khẩu cho đến khi đăng ký yếu tố mới. Thay đổi này được ghi trong nhật ký kiểm tra của quốc gia quý vị (GET /audit).',
  },
  'audit.admin_granted': {
    title: 'Quản trị viên mới: {{email}}',
    body: 'Quản trị viên ({{by}}) đã chỉ định {{displayName}} ({{email}}) làm ADMIN, người quản lý người dùng và cơ quan của mọi quốc gia. Thay đổi này được ghi trong nhật ký kiểm tra của quốc gia quý vị (GET /audit).',
  },
  fallback: { title: 'Cập nhật về {{reference}}', body: 'Yêu cầu {{reference}} đã thay đổi.' },
};

export const SHIPPED_LANGUAGES = ['en', 'vi'] as const;

let instance: i18n | undefined;

/** `{ 'request.sent': { title } }` → `{ 'request.sent#title': … }`: keys contain dots, so no nesting. */
function flatten(texts: Texts): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).flatMap(([type, t]) => [[`${type}#title`, t.title], [`${type}#body`, t.body]]));
}

function translator(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      initAsync: false,
      resources: { en: { translation: flatten(en) }, vi: { translation: flatten(vi) } },
      fallbackLng: 'en',
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
    });
  }
  return instance;
}

export interface RenderedText {
  language: string;
  title: string;
  body: string;
}

/** A notification's side-specific text: `type@SIDE` (e.g. `request.sent@REQUESTING`) when the recipient's side reads it otherwise. */
export function textKey(type: string, side?: string | null): string {
  if (side && `${type}@${side}` in en) return `${type}@${side}`;
  return type in en ? type : 'fallback';
}

/**
 * The title and body of a notification of `type` in `language` (base language of a tag;
 * English when not shipped), as the recipient's `side` of the request reads it.
 */
export function renderNotification(type: string, language: string, vars: Record<string, unknown>, side?: string | null): RenderedText {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  const lng = (SHIPPED_LANGUAGES as readonly string[]).includes(base) ? base : 'en';
  const t = translator().getFixedT(lng) as unknown as (key: string, vars: Record<string, unknown>) => string;
  const key = textKey(type, side);
  return { language: lng, title: t(`${key}#title`, vars), body: t(`${key}#body`, vars) };
}
