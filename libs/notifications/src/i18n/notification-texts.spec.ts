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

describe('audit.user_assigned', () => {
  const vars = { reference: '', role: 'OFFICER', authorityCode: 'VN-CA', email: 'new@vn.example', displayName: 'Lê Văn A', by: 'admin@example.org' };
  it('tells a supervisor, in English and Vietnamese, who now serves at which authority', () => {
    expect(renderNotification('audit.user_assigned', 'en', vars)).toMatchObject({ language: 'en', title: 'New OFFICER at VN-CA: new@vn.example' });
    const vi = renderNotification('audit.user_assigned', 'vi', vars);
    expect(vi).toMatchObject({ language: 'vi', title: 'OFFICER mới tại VN-CA: new@vn.example' });
    expect(vi.body).toContain('Lê Văn A');
    expect(vi.body).toContain('admin@example.org');
  });
});
