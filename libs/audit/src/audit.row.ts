/** What an audit row records (DESIGN §2: every ADMIN change of authorities, webhooks and users; and of a working calendar; and of a federation peer, §15). */
export const AUDIT_ACTIONS = ['authority.created', 'authority.updated', 'user.created', 'user.updated', 'calendar.year_set', 'authority.seal_set', 'authority.seal_removed', 'peer.added', 'peer.suspended', 'peer.resumed', 'peer.keys_refreshed', 'peer.directory_read', 'federation_message.retried'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = ['AUTHORITY', 'USER', 'WORKING_CALENDAR', 'PEER', 'FEDERATION_MESSAGE'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/**
 * One admin change, as written (schema: the migrations). `before` and `after` hold the
 * target's fields that the change may touch; never a password, a hash or a webhook secret
 * (`changes` names `password` or `webhookSecret` when one was set, nothing more).
 */
export interface AuditEntry {
  id: string;
  actorUserId: string;
  actorEmail: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** The fields changed, e.g. `['role', 'authorityId']`; every field at creation. */
  changes: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The countries the change touches (an authority's; a user's old and new authority's; every country for an account made ADMIN). */
  countries: string[];
}

/** An audit row as read. */
export interface AuditRow extends AuditEntry {
  /** When it happened (the injected clock). */
  createdAt: Date;
}
