/**
 * Counterparts that are not on this node (DESIGN §14): how a letter travels to or from an
 * OFFLINE authority, and which of its acts this node's officers record from correspondence.
 */
import type { RequestAction } from './request.types';

/** How a letter (a request, a chaser, an answer) travels to or from an OFFLINE authority. */
export const TRANSMISSION_CHANNELS = ['DIPLOMATIC', 'CENTRAL_AUTHORITY_MAIL', 'EMAIL', 'INTERPOL', 'NETWORK_24_7', 'COURIER', 'OTHER'] as const;
export type TransmissionChannel = (typeof TRANSMISSION_CHANNELS)[number];

/** A request's transmission to (or from) an OFFLINE authority: by which channel, when it left, its reference. */
export interface Transmission {
  channel: TransmissionChannel;
  /** ISO 8601 date-time. */
  dispatchedAt: string;
  dispatchReference: string;
}

/** What an act was recorded from: the counterpart's letter or e-mail (its scan: a CORRESPONDENCE document of the request). */
export interface RecordedFrom {
  /** The date the letter bears (YYYY-MM-DD). */
  correspondenceDate: string;
  /** When it arrived (ISO 8601 date-time). */
  receivedAt: string;
  channel: TransmissionChannel;
  reference: string;
  documentId: string;
}

/**
 * The acts of an OFFLINE counterpart that this side's officers record (DESIGN §14): the
 * requested side's (acknowledge … refuse) and, on an incoming request, the requesting side's
 * (provide information, withdraw).
 */
export const RECORDABLE_ACTIONS: readonly RequestAction[] = [
  'acknowledge', 'confirm_preservation', 'extend_preservation', 'start_execution', 'report_delay', 'request_info',
  'deliver_evidence', 'refuse', 'provide_info', 'withdraw',
];
