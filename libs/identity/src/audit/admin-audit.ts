import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditTargetType } from '@mla/audit';
import type { OutboxMessage } from '@mla/outbox';
import type { AuthorityRow } from '../authorities/authority.row';
import type { Principal } from '../principal';
import type { UserRow } from '../users/user.row';

/** The notification a country's supervisors receive when an OFFICER or SUPERVISOR joins one of its authorities. */
export const USER_ASSIGNED = 'audit.user_assigned';

/** What the audit keeps of an authority: every field an admin sets, the webhook URL included, never its secret. */
export function authoritySnapshot(a: AuthorityRow): Record<string, unknown> {
  return { code: a.code, name: a.name, country: a.country, kind: a.kind, timezone: a.timezone, language: a.language, webhookUrl: a.webhookUrl };
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

/** Whether a user, as they are after a change, holds a role the country's supervisors are told about. */
export function isWatchedRole(u: UserRow): boolean {
  return u.active && (u.role === 'OFFICER' || u.role === 'SUPERVISOR');
}

/**
 * The outbox rows telling each supervisor of the authority's country that a user became an
 * OFFICER or SUPERVISOR there (one per supervisor, in their inbox; the user themselves is
 * not told about themselves).
 */
export function userAssignedMessages(
  entry: AuditEntry,
  user: UserRow,
  authority: AuthorityRow,
  supervisors: { id: string; authorityId: string }[],
  at: Date,
): OutboxMessage[] {
  const payload = {
    type: USER_ASSIGNED,
    occurredAt: at.toISOString(),
    request: null,
    data: {
      auditId: entry.id,
      action: entry.action,
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      authorityId: authority.id,
      authorityCode: authority.code,
      country: authority.country,
      by: entry.actorEmail,
    },
  };
  return supervisors
    .filter((s) => s.id !== user.id)
    .map((s) => ({ type: USER_ASSIGNED, requestId: null, eventSeq: null, recipientAuthorityId: s.authorityId, recipientUserId: s.id, payload }));
}
