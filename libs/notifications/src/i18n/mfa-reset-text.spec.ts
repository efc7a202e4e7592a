import { renderNotification } from './notification-texts';

describe('audit.user_mfa_reset (unit)', () => {
  const vars = { reference: '', role: 'OFFICER', email: 'officer@vn.example', displayName: 'Lê Văn A', by: 'admin@example.org' };
  it('tells a supervisor, in English and Vietnamese, whose second factor an administrator reset', () => {
    expect(renderNotification('audit.user_mfa_reset', 'en', vars)).toMatchObject({ language: 'en', title: 'Second factor reset for officer@vn.example' });
    const vi = renderNotification('audit.user_mfa_reset', 'vi', vars);
    expect(vi).toMatchObject({ language: 'vi', title: 'Đã đặt lại xác thực hai lớp của officer@vn.example' });
    expect(vi.body).toContain('Lê Văn A');
    expect(vi.body).toContain('admin@example.org');
  });
});
