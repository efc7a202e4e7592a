import { renderNotification } from './notification-texts';

describe('renderNotification', () => {
  it('renders in the recipient authority language, English and Vietnamese shipped', () => {
    expect(renderNotification('request.sent', 'en', { reference: 'VN-2026-000042' }).title).toBe('New request VN-2026-000042 received');
    expect(renderNotification('request.sent', 'vi', { reference: 'VN-2026-000042' })).toEqual({
      language: 'vi',
      title: 'Đã nhận yêu cầu mới VN-2026-000042',
      body: 'Yêu cầu VN-2026-000042 đã được gửi đến quý cơ quan và đang chờ xác nhận.',
    });
  });

  it('falls back to English for a language not shipped, and to a generic text for an unknown type', () => {
    expect(renderNotification('request.closed', 'th', { reference: 'X' })).toMatchObject({ language: 'en', title: 'Request X closed' });
    expect(renderNotification('something.new', 'vi', { reference: 'X' })).toMatchObject({ title: 'Cập nhật về X' });
    expect(renderNotification('deadline.escalated', 'en-GB', { reference: 'X', kind: 'EXECUTION', level: 2, dueAt: 'd' }).title).toBe(
      'Overdue (level 2): EXECUTION on X',
    );
  });
});
