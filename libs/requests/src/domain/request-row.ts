import type { Channel, LegalBasis, Priority, RequestState, RequestType } from '@mla/domain';
import type { Identifier, Offence } from './request-content';

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
