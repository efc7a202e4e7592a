/**
 * A request's columns, declared once (issue 18): each property of the request row with its
 * SQL column and type (as the migrations create it), whether a change may set it, whether a
 * draft's content takes it (the create and edit commands' input), whether it is part of the
 * content as sent (the requested side's first event, the letter), and a new row's value.
 * The select list, the writable and JSON column sets, the insert, a new draft's defaults,
 * the edit command's input and `contentAsSent` are all derived from it. Pure data.
 *
 * To add a field: its entry here (in the place the row shows it, with `letter` for the section
 * and the place the letter of request prints it), a migration, the DTO, and the labels.
 */
import { DEADLINE_KINDS, letterLayoutOf, type Channel, type LetterLayout, type LetterPlace, type LetterSection, type LegalBasis, type Priority, type RequestState, type RequestType, type Transmission } from '@mla/domain';
import type { Identifier, Offence } from './request-content';

/**
 * A requesting-side act after send to a PEER authority, proposed and awaiting the requested
 * node's decision (DESIGN §15): what was proposed, when, by whom, and the message that carries it.
 */
export interface PendingAct {
  action: string;
  input: Record<string, unknown>;
  proposedAt: string;
  messageId: string;
  /** Who proposed it (the event actor of this node's user): the act is theirs once decided. */
  proposer: { userId: string | null; role: string; authorityId: string | null; authorityCode: string | null; country: string | null };
}

/** The column's type as PostgreSQL names it (`information_schema.columns.udt_name`). */
export type RequestColumnType = 'uuid' | 'varchar' | 'bpchar' | 'text' | 'jsonb' | 'date' | 'timestamptz' | 'int4' | 'int2' | 'bool' | '_int2';

export interface RequestField {
  readonly column: string;
  readonly type: RequestColumnType;
  /** A change may set it (`UPDATE requests SET …`). */
  readonly writable: boolean;
  /** Part of a draft's content: the create and edit commands take it. */
  readonly draft: boolean;
  /** Part of the content as sent (the requested side's first event, frozen from submit on). */
  readonly sent: boolean;
  /** Written by the insert of a new request (the others take their value from the database). */
  readonly inserted: boolean;
  /** Read by the select list (a deleted request is never read). */
  readonly selected: boolean;
  /** A new request's value when its creation does not give one. */
  readonly initial: () => unknown;
  /** Where the letter of request prints it (its section, in the treaty's order, and its place there); none: not printed. */
  readonly letter?: LetterPlace;
}

type Spec = Partial<Omit<RequestField, 'column' | 'type'>> & { column: string; type: RequestColumnType };

const none = () => null;

/** Printed by the letter in `section`, at `order`. */
const inLetter = <S extends object>(spec: S, section: LetterSection, order: number, label?: LetterPlace['label']) => ({ ...spec, letter: { section, order, ...(label && { label }) } }) as S & { readonly letter: LetterPlace };

declare const valueType: unique symbol;
/** The TypeScript type of a field's value (type-only: nothing at run time). */
interface Typed<T> {
  readonly [valueType]?: T;
}
const typed = <T, S extends object>(spec: S) => spec as S & Typed<T>;
/** Stamped and counted by the commands; read, never given at creation. */
const state = <T>(column: string, type: RequestColumnType, initial: () => unknown = none) => typed<T, { readonly column: string; readonly type: RequestColumnType; readonly writable: true; readonly initial: () => unknown }>({ column, type, writable: true, initial });
/** Part of a draft's content, as sent. */
const content = <T>(column: string, type: RequestColumnType, initial: () => unknown = none) =>
  typed<T, { readonly column: string; readonly type: RequestColumnType; readonly writable: true; readonly draft: true; readonly sent: true; readonly inserted: true; readonly initial: () => unknown }>({
    column, type, writable: true, draft: true, sent: true, inserted: true, initial,
  });
/** Fixed at creation. */
const origin = <T>(column: string, type: RequestColumnType) => typed<T, { readonly column: string; readonly type: RequestColumnType; readonly inserted: true }>({ column, type, inserted: true });

const SPECS = {
  id: origin<string>('id', 'uuid'),
  reference: typed<string, { readonly column: string; readonly type: RequestColumnType }>({ column: 'reference', type: 'varchar' }),
  version: state<number>('version', 'int4', () => 1),
  state: { ...state<RequestState>('state', 'varchar', () => 'DRAFT'), inserted: true } as const,
  type: inLetter(content<RequestType>('type', 'varchar'), 'subject', 2),
  priority: inLetter(content<Priority>('priority', 'varchar', () => 'ROUTINE'), 'urgency', 1),
  channel: content<Channel>('channel', 'varchar', () => 'CENTRAL_AUTHORITY'),
  legalBasis: inLetter(content<LegalBasis>('legal_basis', 'varchar'), 'legalBasis', 1),
  treatyName: inLetter(content<string | null>('treaty_name', 'varchar'), 'legalBasis', 2),
  requestingAuthorityId: inLetter(origin<string>('requesting_authority_id', 'uuid'), 'authorities', 1),
  /** Edited with the draft, but the content as sent names its authority apart. */
  requestedAuthorityId: inLetter({ ...content<string>('requested_authority_id', 'uuid'), sent: false } as const, 'authorities', 2),
  requestingCountry: origin<string>('requesting_country', 'bpchar'),
  requestedCountry: { ...state<string>('requested_country', 'bpchar'), inserted: true } as const,
  /** Who drafted it; null for a request received from a peer node (its drafter works there). */
  createdBy: origin<string | null>('created_by', 'uuid'),
  sendingAuthorityId: state<string | null>('sending_authority_id', 'uuid'),
  assigneeId: state<string | null>('assignee_id', 'uuid'),
  title: inLetter(content<string | null>('title', 'varchar'), 'subject', 1),
  offence: inLetter(content<Offence | null>('offence', 'jsonb'), 'offence', 1),
  facts: inLetter(content<string | null>('facts', 'text'), 'facts', 1),
  measures: inLetter(content<string[]>('measures', 'jsonb', () => []), 'assistance', 1),
  identifiers: inLetter(content<Identifier[]>('identifiers', 'jsonb', () => []), 'identifiers', 1),
  relatedRequestId: content<string | null>('related_request_id', 'uuid'),
  /** YYYY-MM-DD. */
  neededBy: inLetter(content<string | null>('needed_by', 'date'), 'urgency', 2),
  confidential: inLetter(content<boolean>('confidential', 'bool', () => false), 'confidentiality', 1),
  /** ISO 639-1: the language the request is written in (a new draft: its authority's). */
  language: content<string>('language', 'varchar'),
  /** The extra fields the requested country requires (its `requiredDetails`), by key. */
  details: inLetter(content<Record<string, string>>('details', 'jsonb', () => ({})), 'additional', 1),
  resumeState: state<RequestState | null>('resume_state', 'varchar'),
  preservedUntil: state<Date | null>('preserved_until', 'timestamptz'),
  preservationExtensions: state<number>('preservation_extensions', 'int4', () => 0),
  executingBody: state<string | null>('executing_body', 'varchar'),
  delayEstimate: state<{ reason: string; expectedBy: string; reportedAt: string } | null>('delay_estimate', 'jsonb'),
  outcome: state<string | null>('outcome', 'text'),
  refusal: state<{ ground: string; text: string } | null>('refusal', 'jsonb'),
  deliveryCount: state<number>('delivery_count', 'int4', () => 0),
  /** To or from an OFFLINE authority (DESIGN §14): how the request was dispatched. */
  transmission: state<Transmission | null>('transmission', 'jsonb'),
  /** When the chase interval runs out (null: nothing awaited of an OFFLINE counterpart). */
  chaseDueAt: state<Date | null>('chase_due_at', 'timestamptz'),
  chaseCount: state<number>('chase_count', 'int4', () => 0),
  lastChasedAt: state<Date | null>('last_chased_at', 'timestamptz'),
  /** To a PEER authority after send (DESIGN §15): the requesting side's act awaiting the requested node's decision. */
  pendingAct: state<PendingAct | null>('pending_act', 'jsonb'),
  eventSeq: { ...state<number>('event_seq', 'int4', () => 0), inserted: true } as const,
  lastEventHash: { ...state<string | null>('last_event_hash', 'bpchar'), inserted: true } as const,
  submittedAt: state<Date | null>('submitted_at', 'timestamptz'),
  sentAt: state<Date | null>('sent_at', 'timestamptz'),
  acknowledgedAt: state<Date | null>('acknowledged_at', 'timestamptz'),
  /** The EXECUTION deadline met (final evidence delivered). */
  executedAt: state<Date | null>('executed_at', 'timestamptz'),
  /** Per deadline kind: MET, MET on time, OVERDUE. */
  deadlineOutcomes: state<number[]>('deadline_outcomes', '_int2', () => new Array<number>(DEADLINE_KINDS.length * 3).fill(0)),
  closedAt: state<Date | null>('closed_at', 'timestamptz'),
  createdAt: origin<Date>('created_at', 'timestamptz'),
  updatedAt: { ...state<Date>('updated_at', 'timestamptz'), inserted: true } as const,
  deletedAt: { ...state<Date | null>('deleted_at', 'timestamptz'), selected: false } as const,
} satisfies Record<string, Spec>;

export type RequestFieldName = keyof typeof SPECS;

type ValueOf<K extends RequestFieldName> = (typeof SPECS)[K] extends Typed<infer T> ? T : never;
/** A request's own columns as read (every field but deletedAt), typed from the descriptor. */
export type DescribedRow = { [K in Exclude<RequestFieldName, 'deletedAt'>]: ValueOf<K> };

/** Every column of a request, in the order the row, the content as sent and the edit's input list them. Deeply frozen. */
export const REQUEST_FIELDS: Readonly<Record<RequestFieldName, RequestField>> = Object.freeze(
  Object.fromEntries(
    Object.entries(SPECS).map(([name, s]) => [
      name,
      Object.freeze({ writable: false, draft: false, sent: false, inserted: false, selected: true, initial: none, ...s, ...('letter' in s && { letter: Object.freeze({ ...s.letter }) }) } satisfies RequestField),
    ]),
  ) as Record<RequestFieldName, RequestField>,
);

const NAMES = Object.keys(REQUEST_FIELDS) as RequestFieldName[];

/** The fields whose descriptor says `flag`, in descriptor order. */
export function fieldsWhere(flag: 'writable' | 'draft' | 'sent' | 'inserted' | 'selected'): RequestFieldName[] {
  return NAMES.filter((name) => REQUEST_FIELDS[name][flag]);
}

/** The letter of request's fields, section by section in the treaty's order (DESIGN §4): derived from the descriptor's `letter`. */
export const LETTER_LAYOUT: LetterLayout = letterLayoutOf(Object.fromEntries(NAMES.map((name) => [name, REQUEST_FIELDS[name].letter])));

/** A draft's content fields: what the create and edit commands take. */
export const DRAFT_FIELDS = fieldsWhere('draft') as readonly DraftField[];
/** The content as sent (DESIGN §2): what the requested side receives of a request. */
export const SENT_FIELDS = fieldsWhere('sent') as readonly SentField[];

type Flagged<F extends 'draft' | 'sent'> = { [K in RequestFieldName]: (typeof SPECS)[K] extends { [P in F]: true } ? K : never }[RequestFieldName];
export type DraftField = Flagged<'draft'>;
export type SentField = Flagged<'sent'>;
export type WritableField = { [K in RequestFieldName]: (typeof SPECS)[K] extends { writable: true } ? K : never }[RequestFieldName];

/** What the requested side receives of a request: its content, frozen from submit on. */
export function contentAsSent<R extends Record<SentField, unknown>>(row: R): Record<SentField, unknown> {
  return Object.fromEntries(SENT_FIELDS.map((name) => [name, row[name]])) as Record<SentField, unknown>;
}

/** Fields a change sets, by property name (their columns: WRITABLE_COLUMNS). */
export type RequestChanges = { -readonly [K in WritableField]?: unknown };
