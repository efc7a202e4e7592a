import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addMessages } from '@/lib/i18n';
import { renderIn } from '@/test/render';
import { supervisionMessages } from '../i18n';
import type { AuditEntry } from '../account-changes';
import { AccountChangesTable } from './AccountChangesPanel';

addMessages('supervision', supervisionMessages);

const by = { userId: 'a', email: 'admin@example.org' };
const officer = { email: 'officer@sg.example', role: 'OFFICER', authorityCode: 'SG-CA', country: 'SG', active: true };
const rows: AuditEntry[] = [
  { id: '3', action: 'user.created', targetType: 'USER', targetId: 'u3', occurredAt: '2026-12-01T03:00:00Z', actor: by, changes: ['email', 'role', 'password'], countries: ['SG', 'VN'], before: null, after: { email: 'second.admin@example.org', role: 'ADMIN', authorityCode: null, active: true } },
  { id: '2', action: 'user.updated', targetType: 'USER', targetId: 'u2', occurredAt: '2026-12-01T02:00:00Z', actor: by, changes: ['password'], countries: ['SG'], before: officer, after: officer },
  { id: '1', action: 'user.updated', targetType: 'USER', targetId: 'u1', occurredAt: '2026-12-01T01:00:00Z', actor: by, changes: ['active'], countries: ['SG'], before: { ...officer, email: 'gone@sg.example' }, after: { ...officer, email: 'gone@sg.example', active: false } },
];

describe('AccountChangesTable', () => {
  it('lists each change with its account, its kind, whether it opens access, and the admin', async () => {
    await renderIn(<AccountChangesTable rows={rows} />);
    const admin = screen.getByRole('row', { name: 'second.admin@example.org' });
    expect(admin).toHaveTextContent('Made an administrator');
    expect(within(admin).getByText('Opens access')).toBeInTheDocument();
    const reset = screen.getByRole('row', { name: 'officer@sg.example' });
    expect(reset).toHaveTextContent('OFFICER at SG-CA');
    expect(reset).toHaveTextContent('Password reset');
    expect(reset).toHaveTextContent('admin@example.org');
    const gone = screen.getByRole('row', { name: 'gone@sg.example' });
    expect(gone).toHaveTextContent('Deactivated');
    expect(within(gone).queryByText('Opens access')).toBeNull();
  });

  it('speaks Vietnamese, and says when there is nothing', async () => {
    await renderIn(<AccountChangesTable rows={rows.slice(1, 2)} />, 'vi');
    expect(screen.getByRole('row', { name: 'officer@sg.example' })).toHaveTextContent('Đặt lại mật khẩu');
    await renderIn(<AccountChangesTable rows={[]} />);
    expect(screen.getByText('No account change yet.')).toBeInTheDocument();
  });
});
