import { TERMINAL_STATES, type BallHolder, type RequestState } from '@mla/domain';

/** The side that must act next; null once terminal. PRESERVED: requesting (it must send the follow-up). */
export function ballHolder(state: RequestState): BallHolder {
  if (TERMINAL_STATES.includes(state)) return null;
  switch (state) {
    case 'SENT':
    case 'ACKNOWLEDGED':
    case 'IN_EXECUTION':
      return 'REQUESTED';
    default:
      return 'REQUESTING';
  }
}
