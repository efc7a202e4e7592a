/**
 * The vocabulary of a mutual legal assistance request (DESIGN §3, §4). Pure TypeScript:
 * no framework import, so the state machine, the deadlines, the API and the tests share
 * one definition.
 */
import type { Role } from './roles';

export const REQUEST_STATES = [
  'DRAFT',
  'IN_REVIEW',
  'SENT',
  'ACKNOWLEDGED',
  'PRESERVED',
  'IN_EXECUTION',
  'INFO_REQUESTED',
  'EVIDENCE_RECEIVED',
  'CLOSED',
  'REFUSED',
  'WITHDRAWN',
  'EXPIRED',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const TERMINAL_STATES: readonly RequestState[] = ['CLOSED', 'REFUSED', 'WITHDRAWN', 'EXPIRED'];

export const REQUEST_ACTIONS = [
  'submit',
  'return',
  'send',
  'acknowledge',
  'confirm_preservation',
  'extend_preservation',
  'start_execution',
  'report_delay',
  'request_info',
  'provide_info',
  'deliver_evidence',
  'close',
  'refuse',
  'withdraw',
  'expire',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export const REQUEST_TYPES = [
  'PRESERVATION',
  'SUBSCRIBER_INFO',
  'TRAFFIC_DATA',
  'CONTENT_DATA',
  'SEIZED_DEVICE',
  'WITNESS_STATEMENT',
  'OTHER',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const PRIORITIES = ['ROUTINE', 'URGENT', 'EMERGENCY'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['CENTRAL_AUTHORITY', 'NETWORK_24_7', 'DIRECT'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LEGAL_BASES = [
  'ASEAN_MLAT_2004',
  'BUDAPEST_CONVENTION',
  'BUDAPEST_SECOND_PROTOCOL',
  'UN_CYBERCRIME_CONVENTION',
  'BILATERAL_TREATY',
  'RECIPROCITY',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const IDENTIFIER_KINDS = ['IP_ADDRESS', 'EMAIL', 'PHONE', 'ACCOUNT', 'DOMAIN', 'URL', 'IMEI', 'WALLET'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const REFUSAL_GROUNDS = [
  'DUAL_CRIMINALITY',
  'POLITICAL_OFFENCE',
  'MILITARY_OFFENCE',
  'DOUBLE_JEOPARDY',
  'SOVEREIGNTY_SECURITY_PUBLIC_ORDER',
  'DISCRIMINATION',
  'INSUFFICIENT_INFORMATION',
  'DATA_NO_LONGER_AVAILABLE',
  'OTHER',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const EVIDENCE_KINDS = ['FILE', 'DEVICE', 'DOCUMENT', 'STATEMENT'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** How an evidence item's bytes travel: uploaded here (hash verified on arrival), or out of band (a disk by courier, recorded by hash and medium). */
export const EVIDENCE_TRANSFERS = ['UPLOAD', 'OUT_OF_BAND'] as const;
export type EvidenceTransfer = (typeof EVIDENCE_TRANSFERS)[number];

/** Who acts on a request: a user's role, or the system itself (only `expire`). */
export type ActorRole = Role | 'SYSTEM';

/** The two sides of a request. */
export const SIDES = ['REQUESTING', 'REQUESTED'] as const;
export type Side = (typeof SIDES)[number];

/** The side that must act next; `null` once the request is terminal. */
export type BallHolder = Side | null;

export const DEADLINE_KINDS = [
  'REVIEW',
  'ACKNOWLEDGEMENT',
  'PRESERVATION_CONFIRMATION',
  'EXECUTION',
  'INFO_RESPONSE',
  'PRESERVATION_EXPIRY',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_STATUSES = ['PENDING', 'PAUSED', 'MET', 'OVERDUE', 'CANCELLED'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];
