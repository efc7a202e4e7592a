import type { Channel, LegalBasis, Priority, RequestState, RequestType } from '@mla/domain';
import type { Identifier, Offence } from './domain/request-content';

/** A request as read with its two authorities: what every read and action works from. */
export interface RequestRow {
  id: string;
  reference: string;
  version: number;
  state: RequestState;
  type: RequestType;
  priority: Priority;
  channel: Channel;
  legalBasis: LegalBasis;
  treatyName: string | null;
  requestingAuthorityId: string;
  requestedAuthorityId: string;
  requestingCountry: string;
  requestedCountry: string;
  createdBy: string;
  sendingAuthorityId: string | null;
  assigneeId: string | null;
  title: string | null;
  offence: Offence | null;
  facts: string | null;
  measures: string[];
  identifiers: Identifier[];
  relatedRequestId: string | null;
  neededBy: string | null;
  confidential: boolean;
  /** ISO 639-1: the language the request is written in. */
  language: string;
  /** The extra fields the requested country requires (its `requiredDetails`), by key. */
  details: Record<string, string>;
  resumeState: RequestState | null;
  preservedUntil: Date | null;
  preservationExtensions: number;
  executingBody: string | null;
  delayEstimate: { reason: string; expectedBy: string; reportedAt: string } | null;
  outcome: string | null;
  refusal: { ground: string; text: string } | null;
  deliveryCount: number;
  eventSeq: number;
  lastEventHash: string | null;
  submittedAt: Date | null;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  /** The EXECUTION deadline met (final evidence delivered). */
  executedAt: Date | null;
  /** Per deadline kind: MET, MET on time, OVERDUE (what the statistics read). */
  deadlineOutcomes: number[];
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  requestingAuthorityCode: string;
  requestingAuthorityName: string;
  requestingAuthorityTimezone: string;
  requestedAuthorityCode: string;
  requestedAuthorityName: string;
  requestedAuthorityTimezone: string;
}

/** Columns a change may set, by property name, and their SQL column. */
export const WRITABLE_COLUMNS = {
  version: 'version',
  state: 'state',
  type: 'type',
  priority: 'priority',
  channel: 'channel',
  legalBasis: 'legal_basis',
  treatyName: 'treaty_name',
  requestedAuthorityId: 'requested_authority_id',
  requestedCountry: 'requested_country',
  sendingAuthorityId: 'sending_authority_id',
  assigneeId: 'assignee_id',
  title: 'title',
  offence: 'offence',
  facts: 'facts',
  measures: 'measures',
  identifiers: 'identifiers',
  relatedRequestId: 'related_request_id',
  neededBy: 'needed_by',
  confidential: 'confidential',
  language: 'language',
  details: 'details',
  resumeState: 'resume_state',
  preservedUntil: 'preserved_until',
  preservationExtensions: 'preservation_extensions',
  executingBody: 'executing_body',
  delayEstimate: 'delay_estimate',
  outcome: 'outcome',
  refusal: 'refusal',
  deliveryCount: 'delivery_count',
  eventSeq: 'event_seq',
  lastEventHash: 'last_event_hash',
  submittedAt: 'submitted_at',
  sentAt: 'sent_at',
  acknowledgedAt: 'acknowledged_at',
  executedAt: 'executed_at',
  deadlineOutcomes: 'deadline_outcomes',
  closedAt: 'closed_at',
  updatedAt: 'updated_at',
  deletedAt: 'deleted_at',
} as const;

export type RequestChanges = { -readonly [K in keyof typeof WRITABLE_COLUMNS]?: unknown };

export const JSON_COLUMNS = new Set(['offence', 'measures', 'identifiers', 'delayEstimate', 'refusal', 'details']);
