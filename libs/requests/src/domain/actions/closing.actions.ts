/** The requesting side ends a request: close (with its outcome) or withdraw. */
import { deadlineEffectsOf, REQUEST_STATES, TERMINAL_STATES } from '@mla/domain';
import { OTHER_SIDE_OF_PROSECUTOR, REQUESTING_PROSECUTOR, transition } from './action-definition';
import { ruleViolated } from './refusal';

export interface CloseInput { outcome: string; followUpRequestId?: string }
export interface WithdrawInput { reason: string }

declare module './action-definition' {
  interface CommandInputs {
    close: CloseInput;
    withdraw: WithdrawInput;
  }
}

/** close: the outcome; for a PRESERVED request, optionally the follow-up request that continues it. */
export const close = transition<'close', CloseInput>(
  'close',
  {
    from: ['EVIDENCE_RECEIVED', 'PRESERVED'], to: 'CLOSED', ...REQUESTING_PROSECUTOR, types: { kind: 'all' },
    requiredInput: ['outcome'], optionalInput: ['followUpRequestId'],
    deadlines: deadlineEffectsOf({ endAllOpen: true }),
    stamps: ['closedAt'], notify: { type: 'request.closed', audience: OTHER_SIDE_OF_PROSECUTOR },
  },
  async ({ row, input, ports, fromPeer }) => {
    // From a peer node (DESIGN §15), the follow-up is a request of the requesting node, checked there.
    if (input.followUpRequestId !== undefined && !fromPeer) {
      if (row.state !== 'PRESERVED') {
        throw ruleViolated('A follow-up request is named only when closing a preservation', [
          { field: 'followUpRequestId', message: 'only for a PRESERVED request' },
        ]);
      }
      if (!(await ports.requests.findFollowUp(String(input.followUpRequestId), row.id))) {
        throw ruleViolated('The follow-up request does not continue this preservation', [
          { field: 'followUpRequestId', message: 'must name a request whose relatedRequestId is this request' },
        ]);
      }
    }
    return { changes: { outcome: input.outcome } };
  },
);

/** withdraw: from every non-terminal state but DRAFT. */
export const withdraw = transition<'withdraw', WithdrawInput>('withdraw', {
  from: REQUEST_STATES.filter((s) => s !== 'DRAFT' && !TERMINAL_STATES.includes(s)), to: 'WITHDRAWN', ...REQUESTING_PROSECUTOR, types: { kind: 'all' },
  requiredInput: ['reason'],
  deadlines: deadlineEffectsOf({ endAllOpen: true }),
  stamps: ['closedAt'], notify: { type: 'request.withdrawn', audience: ['REQUESTED', 'SENDING', 'HOME_OFFICERS_UNTIL_SENT'] },
});
