import type { UserRow } from '../users/user.row';
import { accountChangeOf } from './admin-audit';

const user = (patch: Partial<UserRow>): UserRow =>
  ({ id: 'u', email: 'u@vn.example', displayName: 'U', role: 'OFFICER', authorityId: 'a1', active: true, createdAt: new Date(0), ...patch }) as UserRow;

describe('accountChangeOf (DESIGN §2: no quiet way to content for an ADMIN)', () => {
  it('tells of a user who sees requests created, reactivated, given a role or moved, whatever the role', () => {
    for (const role of ['PROSECUTOR', 'OFFICER', 'SUPERVISOR'] as const) {
      expect(accountChangeOf(null, user({ role }))).toBe('assigned');
      expect(accountChangeOf(user({ role, active: false }), user({ role }))).toBe('assigned');
      expect(accountChangeOf(user({ role }), user({ role, authorityId: 'a2' }))).toBe('assigned');
    }
    expect(accountChangeOf(user({ role: 'PROSECUTOR' }), user({ role: 'SUPERVISOR' }))).toBe('assigned');
  });

  it('tells of a password or second factor reset, and of nothing else that stays the same', () => {
    expect(accountChangeOf(user({}), user({}), { password: true })).toBe('password_reset');
    expect(accountChangeOf(user({}), user({}), { secondFactor: true })).toBe('second_factor_reset');
    expect(accountChangeOf(user({}), user({}))).toBeNull();
  });

  it('tells every country of an ADMIN created, reactivated or made one; nothing of a deactivation', () => {
    const admin = (patch: Partial<UserRow> = {}) => user({ role: 'ADMIN', authorityId: null, ...patch });
    expect(accountChangeOf(null, admin())).toBe('admin_granted');
    expect(accountChangeOf(admin({ active: false }), admin())).toBe('admin_granted');
    expect(accountChangeOf(user({ role: 'SUPERVISOR' }), admin())).toBe('admin_granted');
    expect(accountChangeOf(admin(), admin(), { password: true })).toBeNull();
    expect(accountChangeOf(admin(), admin(), { secondFactor: true })).toBe('second_factor_reset');
    expect(accountChangeOf(user({}), user({ active: false }))).toBeNull();
    expect(accountChangeOf(user({ active: false }), user({ active: false }), { password: true })).toBeNull();
    // Demoted from ADMIN into an authority: that country is told, as of any user moved in.
    expect(accountChangeOf(admin(), user({ role: 'OFFICER' }))).toBe('assigned');
  });
});
