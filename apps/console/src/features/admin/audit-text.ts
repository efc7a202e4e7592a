import type { AuditEntry } from './api/admin';

/** One changed field of an audit entry, as a person reads it: a value before and after (absent when the value is not to be shown). */
export interface ChangeLine {
  field: string;
  before?: string;
  after?: string;
  /** A secret (a password, a webhook secret): only that it was set. */
  secret?: boolean;
  /** A list (a calendar's days): its length before and after. */
  count?: { before: number | null; after: number };
}

const SECRETS = new Set(['password', 'webhookSecret']);

function scalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The changes of an audit entry, in the order the API names them. An authority is shown by
 * its code (authorityId by authorityCode), a secret only as set, a list by its length.
 */
export function changeLines(entry: Pick<AuditEntry, 'changes' | 'before' | 'after'>): ChangeLine[] {
  const before = entry.before ?? null;
  const after = entry.after ?? {};
  // authorityCode follows authorityId: shown once, as the authority
  const fields = entry.changes.filter((f) => !(f === 'authorityCode' && entry.changes.includes('authorityId')));
  return fields.map((field) => {
    if (SECRETS.has(field)) return { field, secret: true };
    const key = field === 'authorityId' && ('authorityCode' in after || (before && 'authorityCode' in before)) ? 'authorityCode' : field;
    const was = before?.[key];
    const is = after[key];
    if (Array.isArray(is) || Array.isArray(was)) {
      return { field, count: { before: Array.isArray(was) ? was.length : null, after: Array.isArray(is) ? is.length : 0 } };
    }
    const line: ChangeLine = { field };
    if (before) line.before = scalar(was);
    line.after = scalar(is);
    return line;
  });
}

/** What an entry is about, in a few words: a user's e-mail, an authority's code, a calendar's country and year, a peer node's name. */
export function targetLabel(entry: Pick<AuditEntry, 'targetType' | 'targetId' | 'before' | 'after'>): string {
  const snap = { ...(entry.before ?? {}), ...(entry.after ?? {}) } as Record<string, unknown>;
  if (entry.targetType === 'USER' && typeof snap.email === 'string') return snap.email;
  if (entry.targetType === 'AUTHORITY' && typeof snap.code === 'string') return snap.code;
  if (entry.targetType === 'WORKING_CALENDAR' && typeof snap.country === 'string') return `${snap.country} ${String(snap.year ?? '')}`.trim();
  if (entry.targetType === 'PEER' && typeof snap.nodeId === 'string') return snap.nodeId;
  return entry.targetId;
}

/** An action's message key (i18next keys cannot hold the action's dot). */
export const actionKey = (action: string) => `auditAction.${action.replace('.', '_')}`;
