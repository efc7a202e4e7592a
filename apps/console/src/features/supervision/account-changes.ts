import type { Schemas } from '@/lib/api/client';

export type AuditEntry = Schemas['AuditEntryDto'];

/** What an admin did to an account, as a supervisor reads it (DESIGN §2). */
export type AccountChangeKind =
  | 'adminGranted'
  | 'created'
  | 'reactivated'
  | 'deactivated'
  | 'roleChanged'
  | 'moved'
  | 'passwordReset'
  | 'secondFactorReset'
  | 'other';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The kind of an account change (a USER audit row): the one that weighs most when a row holds several. */
export function accountChangeKind(e: Pick<AuditEntry, 'action' | 'changes' | 'before' | 'after'>): AccountChangeKind {
  const before = e.before ?? null;
  const after = e.after ?? {};
  const active = after.active !== false;
  if (active && after.role === 'ADMIN' && (before === null || before.role !== 'ADMIN' || before.active === false)) return 'adminGranted';
  if (e.action === 'user.created') return 'created';
  if (e.changes.includes('active')) return active ? 'reactivated' : 'deactivated';
  if (e.changes.includes('role')) return 'roleChanged';
  if (e.changes.includes('authorityId')) return 'moved';
  if (e.changes.includes('password')) return 'passwordReset';
  if (e.changes.includes('secondFactor')) return 'secondFactorReset';
  return 'other';
}

/** Whether a change lets someone read what they could not before (a new way to content: DESIGN §2). */
export function opensAccess(kind: AccountChangeKind): boolean {
  return kind !== 'deactivated' && kind !== 'other';
}

/** The account as it is after the change: its e-mail, role and authority (none for an ADMIN). */
export function accountOf(e: Pick<AuditEntry, 'after' | 'before'>): { email: string; role: string | null; authorityCode: string | null } {
  const s = e.after ?? e.before ?? {};
  return { email: text(s.email) ?? '—', role: text(s.role), authorityCode: text(s.authorityCode) };
}
