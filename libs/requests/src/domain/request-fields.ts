/**
 * A request's columns, declared once (issue 18): each property of the request row with its
 * SQL column and type (as the migrations create it), whether a change may set it, whether a
 * draft's content takes it (the create and edit commands' input), whether it is part of the
 * content as sent (the requested side's first event, the letter), and a new row's value.
 * The select list, the writable and JSON column sets, the insert, a new draft's defaults,
 * the edit command's input and `contentAsSent` are all derived from it. Pure data.
 *
 * To add a field: its entry here (in the place the row and the letter should show it), a
 * migration, the DTO, and the labels.
 */
import { DEADLINE_KINDS } from '@mla/domain';

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
}

type Spec = Partial<Omit<RequestField, 'column' | 'type'>> & { column: string; type: RequestColumnType };

const none = () => null;
/** Stamped and counted by the commands; read, never given at creation. */
const state = (column: string, type: RequestColumnType, initial: () => unknown = none) => ({ column, type, writable: true, initial }) as const;
/** Part of a draft's content, as sent. */
const content = (column: string, type: RequestColumnType, initial: () => unknown = none) =>
  ({ column, type, writable: true, draft: true, sent: true, inserted: true, initial }) as const;
/** Fixed at creation. */
const origin = (column: string, type: RequestColumnType) => ({ column, type, inserted: true }) as const;

const SPECS = {
  id: origin('id', 'uuid'),
  reference: { column: 'reference', type: 'varchar' } as const,
  version: state('version', 'int4', () => 1),
  state: { ...state('state', 'varchar', () => 'DRAFT'), inserted: true },
  type: content('type', 'varchar'),
  priority: content('priority', 'varchar', () => 'ROUTINE'),
  channel: content('channel', 'varchar', () => 'CENTRAL_AUTHORITY'),
  legalBasis: content('legal_basis', 'varchar'),
  treatyName: content('treaty_name', 'varchar'),
  requestingAuthorityId: origin('requesting_authority_id', 'uuid'),
  /** Edited with the draft, but the content as sent names its authority apart. */
  requestedAuthorityId: { ...content('requested_authority_id', 'uuid'), sent: false } as const,
  requestingCountry: origin('requesting_country', 'bpchar'),
  requestedCountry: { ...state('requested_country', 'bpchar'), inserted: true },
  createdBy: origin('created_by', 'uuid'),
  sendingAuthorityId: state('sending_authority_id', 'uuid'),
  assigneeId: state('assignee_id', 'uuid'),
  title: content('title', 'varchar'),
  offence: content('offence', 'jsonb'),
  facts: content('facts', 'text'),
  measures: content('measures', 'jsonb', () => []),
  identifiers: content('identifiers', 'jsonb', () => []),
  relatedRequestId: content('related_request_id', 'uuid'),
  neededBy: content('needed_by', 'date'),
  confidential: content('confidential', 'bool', () => false),
  language: content('language', 'varchar'),
  details: content('details', 'jsonb', () => ({})),
  resumeState: state('resume_state', 'varchar'),
  preservedUntil: state('preserved_until', 'timestamptz'),
  preservationExtensions: state('preservation_extensions', 'int4', () => 0),
  executingBody: state('executing_body', 'varchar'),
  delayEstimate: state('delay_estimate', 'jsonb'),
  outcome: state('outcome', 'text'),
  refusal: state('refusal', 'jsonb'),
  deliveryCount: state('delivery_count', 'int4', () => 0),
  eventSeq: { ...state('event_seq', 'int4', () => 0), inserted: true },
  lastEventHash: { ...state('last_event_hash', 'bpchar'), inserted: true },
  submittedAt: state('submitted_at', 'timestamptz'),
  sentAt: state('sent_at', 'timestamptz'),
  acknowledgedAt: state('acknowledged_at', 'timestamptz'),
  executedAt: state('executed_at', 'timestamptz'),
  /** Per deadline kind: MET, MET on time, OVERDUE. */
  deadlineOutcomes: state('deadline_outcomes', '_int2', () => new Array<number>(DEADLINE_KINDS.length * 3).fill(0)),
  closedAt: state('closed_at', 'timestamptz'),
  createdAt: origin('created_at', 'timestamptz'),
  updatedAt: { ...state('updated_at', 'timestamptz'), inserted: true },
  deletedAt: { ...state('deleted_at', 'timestamptz'), selected: false } as const,
} satisfies Record<string, Spec>;

export type RequestFieldName = keyof typeof SPECS;

/** Every column of a request, in the order the row, the content as sent and the edit's input list them. Deeply frozen. */
export const REQUEST_FIELDS: Readonly<Record<RequestFieldName, RequestField>> = Object.freeze(
  Object.fromEntries(
    Object.entries(SPECS).map(([name, s]) => [
      name,
      Object.freeze({ writable: false, draft: false, sent: false, inserted: false, selected: true, initial: none, ...s } satisfies RequestField),
    ]),
  ) as Record<RequestFieldName, RequestField>,
);

const NAMES = Object.keys(REQUEST_FIELDS) as RequestFieldName[];

/** The fields whose descriptor says `flag`, in descriptor order. */
export function fieldsWhere(flag: 'writable' | 'draft' | 'sent' | 'inserted' | 'selected'): RequestFieldName[] {
  return NAMES.filter((name) => REQUEST_FIELDS[name][flag]);
}

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
