import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditTargetType } from '@mla/audit';
import type { OutboxMessage } from '@mla/outbox';
import type { AuthorityRow } from '../authorities/authority.row';
import type { Principal } from '../principal';
import type { UserRow } from '../users/user.row';

/** The notification a country's supervisors receive when a user who sees requests (any role but ADMIN) joins one of its authorities. */
export const USER_ASSIGNED = 'audit.user_assigned';

/**
 * What an ADMIN's change of a user tells the supervisors concerned (DESIGN §2: no ADMIN
 * action gives anyone a way to content unseen): a user who sees requests created, reactivated,
 * given a role or moved into an authority (`assigned`); their password or second factor reset;
 * an ADMIN created, reactivated or made one (`admin_granted`, every country's supervisors).
 */
export const ACCOUNT_CHANGES = {
  assigned: USER_ASSIGNED,
  password_reset: 'audit.password_reset',
  second_factor_reset: 'audit.second_factor_reset',
  admin_granted: 'audit.admin_granted',
} as const;
export type AccountChange = keyof typeof ACCOUNT_CHANGES;

/** What the admin reset besides the fields of the row (they leave no trace in a snapshot). */
export interface CredentialResets {
  password?: boolean;
  secondFactor?: boolean;
}

/**
 * The notice an admin's change of a user calls for, or null (a deactivation, a change of
 * nothing that opens a way to content, a change of an account that stays inactive).
 * `before` is null for a creation.
 */
export function accountChangeOf(before: UserRow | null, after: UserRow, resets: CredentialResets = {}): AccountChange | null {
  if (!after.active) return null;
  const grantedAnew = before === null || !before.active || before.role !== after.role;
  if (after.role === 'ADMIN') return grantedAnew ? 'admin_granted' : null;
  if (grantedAnew || before.authorityId !== after.authorityId) return 'assigned';
  if (resets.password) return 'password_reset';
  if (resets.secondFactor) return 'second_factor_reset';
  return null;
}

/** What the audit keeps of an authority: every field an admin sets, the webhook URL included, never its secret. */
export function authoritySnapshot(a: AuthorityRow): Record<string, unknown> {
  return { code: a.code, name: a.name, country: a.country, kind: a.kind, timezone: a.timezone, language: a.language, reach: a.reach, names: a.names, webhookUrl: a.webhookUrl };
}

/** What the audit keeps of a user: never the password or its hash. */
export function userSnapshot(u: UserRow, authority: AuthorityRow | null): Record<string, unknown> {
  return {
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    authorityId: u.authorityId,
    authorityCode: authority?.code ?? null,
    country: authority?.country ?? null,
    active: u.active,
  };
}

/** The keys whose values differ between two snapshots (in the order of `after`). */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export interface AuditChange {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  changes: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  countries: (string | null | undefined)[];
}

/** One audit row of an admin's change (its id chosen here, so that its notifications can name it). */
export function auditEntry(admin: Principal, change: AuditChange): AuditEntry {
  return {
    id: randomUUID(),
    actorUserId: admin.userId,
    actorEmail: admin.email,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    changes: change.changes,
    before: change.before,
    after: change.after,
    countries: [...new Set(change.countries.filter((c): c is string => typeof c === 'string'))].sort(),
  };
}

/**
 * The outbox rows telling each supervisor given (those of the authority's country; every
 * country's for an ADMIN) of an account change: one per supervisor, in their inbox; the
 * user themselves is not told about themselves.
 */
export function accountChangeMessages(
  change: AccountChange,
  entry: AuditEntry,
  user: UserRow,
  authority: AuthorityRow | null,
  supervisors: { id: string; authorityId: string }[],
  at: Date,
): OutboxMessage[] {
  const type = ACCOUNT_CHANGES[change];
  const payload = {
    type,
    occurredAt: at.toISOString(),
    request: null,
    data: {
      auditId: entry.id,
      action: entry.action,
      change,
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      authorityId: authority?.id ?? null,
      authorityCode: authority?.code ?? null,
      country: authority?.country ?? null,
      by: entry.actorEmail,
    },
  };
  return supervisors
    .filter((s) => s.id !== user.id)
    .map((s) => ({ type, requestId: null, eventSeq: null, recipientAuthorityId: s.authorityId, recipientUserId: s.id, payload }));
}
