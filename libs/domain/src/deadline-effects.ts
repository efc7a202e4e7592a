import type { DeadlineKind, Side } from './request.types';

/** What an action does to a request's deadlines (DESIGN §3, last column of the table). */
export interface DeadlineEffects {
  /** Deadlines that start now. */
  start: readonly DeadlineKind[];
  /** Deadlines met by this action. */
  meet: readonly DeadlineKind[];
  /** Clock stopped. */
  pause: readonly DeadlineKind[];
  /** Clock restarted with the time it had left. */
  resume: readonly DeadlineKind[];
  /** Due time moves (extend_preservation). */
  move: readonly DeadlineKind[];
  /** Every open deadline ends (close, refuse, withdraw). */
  endAllOpen: boolean;
}

export const NO_DEADLINE_EFFECTS: DeadlineEffects = Object.freeze({
  start: Object.freeze([]),
  meet: Object.freeze([]),
  pause: Object.freeze([]),
  resume: Object.freeze([]),
  move: Object.freeze([]),
  endAllOpen: false,
});

/** Effects with the given parts, the others empty. */
export function deadlineEffectsOf(partial: Partial<DeadlineEffects> = {}): DeadlineEffects {
  return { ...NO_DEADLINE_EFFECTS, ...partial };
}

/** The side that must act for each kind of deadline (DESIGN §5). */
export const DEADLINE_PARTY: Readonly<Record<DeadlineKind, Side>> = Object.freeze({
  REVIEW: 'REQUESTING',
  ACKNOWLEDGEMENT: 'REQUESTED',
  PRESERVATION_CONFIRMATION: 'REQUESTED',
  EXECUTION: 'REQUESTED',
  INFO_RESPONSE: 'REQUESTING',
  PRESERVATION_EXPIRY: 'REQUESTING',
});
