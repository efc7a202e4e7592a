/**
 * What a chaser says (DESIGN §14): the follow-up note to a counterpart that works on no MLA
 * Hub, built from the request, its transmission, its open deadlines and its earlier chasers.
 * A plain object; the text is printed as written, only the labels follow the language.
 */
import type { DeadlineKind, TransmissionChannel } from '@mla/domain';
import type { LetterAuthority, LetterContact, LetterLanguage } from './letter-input';

/** What is awaited of the counterpart: a deadline it holds (or, without one, an answer), since when and until when. */
export interface ChaserOutstanding {
  kind: DeadlineKind | 'ANSWER';
  /** YYYY-MM-DD. */
  since: string;
  /** YYYY-MM-DD, when the deadline falls due; null without one. */
  dueBy: string | null;
  overdue: boolean;
}

/** One chaser sent before this one. */
export interface ChaserEarlier {
  /** YYYY-MM-DD. */
  dispatchedAt: string;
  channel: TransmissionChannel;
  reference: string;
}

export interface ChaserInput {
  /** The request's reference. */
  reference: string;
  /** The note's date, YYYY-MM-DD. */
  date: string;
  title: string | null;
  /** This side (the keeper of the request) and the counterpart. */
  from: LetterAuthority;
  to: LetterAuthority;
  /** Whether this side requested (an outgoing request) or received the request. */
  direction: 'OUTGOING' | 'INCOMING';
  /** How the request travelled; null when not recorded. */
  sent: { dispatchedAt: string; channel: TransmissionChannel; reference: string } | null;
  outstanding: ChaserOutstanding[];
  earlier: ChaserEarlier[];
  contact: LetterContact;
}

export type { LetterLanguage };
