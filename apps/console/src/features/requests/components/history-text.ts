import type { TFunction } from 'i18next';
import { formatBytes, formatDate, formatDateTime } from '@/lib/format';
import { countryName, languageName } from '@/lib/names';

/** An event as the history shows it (the fields of EventDto it reads). */
export interface HistoryEvent {
  seq: number;
  action?: string;
  input?: Record<string, unknown>;
  actor?: { userId: string | null; role: string; authorityId?: string | null; authorityCode: string | null; displayName?: string | null; node?: string };
}

/** The names the API gives beside a page of events: people (of the reader's country) by user id, authorities by id. */
export interface ActorNames {
  users: Record<string, string>;
  authorities: Record<string, string>;
}

/** Draft content keys whose value a reader cannot use (ids) or that another line already shows. */
const NOT_SHOWN = new Set([
  'deadlineId', 'requestedAuthorityId', 'relatedRequestId', 'followUpRequestId', 'party', 'assigneeId', 'previousAssigneeId', 'supersedesId',
  'attachmentId', 'mediaType', 'content', 'contentRef', 'deadlines', 'requestedCountry',
]);
const DOCUMENT_ACTIONS = new Set(['attach', 'remove_attachment']);
const ENUMS: Record<string, string> = { type: 'type', priority: 'priority', channel: 'channel', legalBasis: 'legalBasis', ground: 'refusalGround' };
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** JSON with sorted keys: two values compare equal whatever their keys' order. */
const same = (a: unknown, b: unknown) => sorted(a) === sorted(b);
function sorted(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
}

/**
 * For each create and edit event, the draft's fields it changed: an edit's input compared with
 * the content the create and earlier edits left (an edit recorded before the API kept only the
 * changed fields carries the whole form).
 */
export function changedFieldsByEvent(events: readonly HistoryEvent[]): Map<number, string[]> {
  const content: Record<string, unknown> = {};
  const out = new Map<number, string[]>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.action !== 'create' && e.action !== 'edit') continue;
    const changed = Object.entries(e.input ?? {}).filter(([k, v]) => (e.action === 'create' ? v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) : !same(v, content[k])));
    for (const [k, v] of Object.entries(e.input ?? {})) content[k] = v;
    out.set(e.seq, changed.map(([k]) => k).filter((k) => !NOT_SHOWN.has(k)));
  }
  return out;
}

/**
 * Who did it: the person's name (same country), else their authority, else the role; the system
 * for the worker. An act taken on the other hub (DESIGN §15) names its person as that hub gave
 * it, the authority, and the hub: "Lim Wei, Central Authority of Singapore (on sg.example)".
 */
export function actorText(actor: HistoryEvent['actor'], names: ActorNames | undefined, t: TFunction<string>): string {
  if (!actor) return '';
  const role = t(`common:role.${actor.role}`, { defaultValue: actor.role });
  if (actor.node) {
    const authority = (actor.authorityId ? names?.authorities[actor.authorityId] : undefined) ?? actor.authorityCode ?? '';
    const who = actor.displayName || (actor.role === 'SYSTEM' ? t('requests:history.system') : role);
    return t('requests:history.peerActor', { who, authority, node: actor.node });
  }
  if (actor.role === 'SYSTEM' && actor.userId === null) return t('requests:history.system');
  const person = actor.userId ? names?.users[actor.userId] : undefined;
  const authority = (actor.authorityId ? names?.authorities[actor.authorityId] : undefined) ?? actor.authorityCode ?? '';
  if (person) return authority ? `${person} (${role}, ${authority})` : `${person} (${role})`;
  return authority ? `${role}, ${authority}` : role;
}

/** A field's label: its own word, never its key (an unknown key is left out). */
function label(key: string, t: TFunction<string>): string | null {
  const k = key === 'offence' ? 'offence.description' : key;
  return t(`common:field.${k}`, { defaultValue: '' }) || null;
}

/** One input value in words. */
function valueText(action: string, key: string, v: unknown, t: TFunction<string>, lang: string): string {
  if (key === 'items' && Array.isArray(v)) return String(v.length);
  if (key === 'letter' && v && typeof v === 'object') {
    const l = v as { language?: string; sha256?: string };
    // Inside a Vietnamese sentence a language's name starts in lower case ("bằng tiếng Anh").
    const language = lang === 'vi' ? languageName(l.language, lang).replace(/^T/, 't') : languageName(l.language, lang);
    return t('requests:history.letter', { language, sha256: `${(l.sha256 ?? '').slice(0, 12)}…` });
  }
  if (typeof v === 'boolean') return v ? t('common:yes') : t('common:no');
  if (key === 'kind' && typeof v === 'string') {
    const family = DOCUMENT_ACTIONS.has(action) ? 'documentKind' : action === 'deliver_evidence' ? 'evidenceKind' : 'deadlineKind';
    return t(`common:${family}.${v}`, { defaultValue: v });
  }
  if (key === 'language' && typeof v === 'string') return languageName(v, lang);
  if ((key === 'calendarCountry' || key === 'country') && typeof v === 'string') return countryName(v, lang);
  if (key === 'sizeBytes' && typeof v === 'number') return formatBytes(v, lang);
  if (key === 'sha256' && typeof v === 'string') return `${v.slice(0, 12)}…`;
  if (typeof v === 'string' && ENUMS[key]) return t(`common:${ENUMS[key]}.${v}`, { defaultValue: v });
  if (typeof v === 'string' && ISO_DATE.test(v)) return formatDate(v, lang);
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return formatDateTime(v, lang);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return '';
}

/** What an event carried, in words: "label: value" parts; for a draft's edit the labels of the fields it changed. */
export function eventParts(e: HistoryEvent, changed: string[] | undefined, t: TFunction<string>, lang: string): string[] {
  const action = e.action ?? '';
  if (action === 'create' || action === 'edit') {
    const labels = (changed ?? []).map((k) => label(k, t)).filter((l): l is string => Boolean(l));
    return labels.length > 0 ? [t(action === 'edit' ? 'requests:history.changed' : 'requests:history.set', { fields: labels.join(', ') })] : [];
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(e.input ?? {})) {
    if (NOT_SHOWN.has(k)) continue;
    const l = label(k, t);
    const text = valueText(action, k, v, t, lang);
    if (l && text !== '') parts.push(`${l}: ${text}`);
  }
  return parts;
}

/** The action of an event in words: a request received from another hub is not one received on paper. */
export function actionText(e: HistoryEvent, t: TFunction<string>): string {
  const action = e.action ?? '';
  if (action === 'receive' && receivedFrom(e)) return t('requests:history.receivedFromHub');
  return t(`common:action.${action}`, { defaultValue: action });
}

/** The hub a request was received from (its `receive` event names the message and its node), if any. */
function receivedFrom(e: HistoryEvent): string | null {
  const message = e.input?.message as { node?: unknown } | undefined;
  return typeof message?.node === 'string' ? message.node : null;
}

/** For each act proposed to the other hub (`act_proposed`), the hub it went to, by its message id: an `act_rejected` names only the message. */
export function proposalNodes(events: readonly HistoryEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    if (e.action !== 'act_proposed') continue;
    const { messageId, to } = e.input ?? {};
    if (typeof messageId === 'string' && typeof to === 'string') out.set(messageId, to);
  }
  return out;
}

const STATE_IN_DETAIL = /from state ([A-Z_]+)/;

/**
 * What an event of the request's life across two hubs (DESIGN §15) says, in sentences: the
 * request received from the other hub; an act proposed to it (and what it carried); an act it
 * refused, with why ("the request is already Refused there") and its own words. Empty for
 * any other event.
 */
export function federationParts(e: HistoryEvent, proposedTo: ReadonlyMap<string, string>, t: TFunction<string>, lang: string): string[] {
  const input = e.input ?? {};
  const act = (a: unknown) => t(`common:action.${String(a)}`, { defaultValue: String(a) });
  switch (e.action) {
    case 'receive': {
      const node = receivedFrom(e);
      return node ? [t('requests:history.receivedMessage', { node })] : [];
    }
    case 'act_proposed': {
      const carried = input.input && typeof input.input === 'object' ? eventParts({ seq: e.seq, action: String(input.action), input: input.input as Record<string, unknown> }, undefined, t, lang) : [];
      return [t('requests:history.actProposed', { act: act(input.action), node: typeof input.to === 'string' ? input.to : '—' }), ...carried];
    }
    case 'act_rejected': {
      const node = (typeof input.messageId === 'string' ? proposedTo.get(input.messageId) : undefined) ?? '—';
      const detail = typeof input.detail === 'string' ? input.detail : '';
      const state = STATE_IN_DETAIL.exec(detail)?.[1];
      const code = typeof input.code === 'string' ? input.code : 'other';
      const why = state
        ? t('requests:history.rejectedState', { state: t(`common:state.${state}`, { defaultValue: state }) })
        : t(`transmissions:reject.${code}`, { defaultValue: t('transmissions:reject.other') });
      return [t('requests:history.actRejected', { act: act(input.action), node, why }), ...(detail ? [t('transmissions:status.rejectedDetail', { detail })] : [])];
    }
    default:
      return [];
  }
}
