/** A preservation request (Budapest art. 29): confirmed until a date, extended, expired. */
import { confirmationRefusal, deadlineEffectsOf, extensionRefusal, parsePreservedUntil } from '@mla/domain';
import { BOTH_SIDES, OPEN_RUNNING, OTHER_SIDE_OF_REQUESTED, REQUESTED_OFFICER, transition } from './action-definition';
import { refuseIf } from './refusal';

export interface PreservationInput { preservedUntil: string; note?: string }
export interface ExpireInput { deadlineId: string }

declare module './action-definition' {
  interface CommandInputs {
    confirm_preservation: PreservationInput;
    extend_preservation: PreservationInput;
    expire: ExpireInput;
  }
}

const ONLY_PRESERVATION = { kind: 'only', types: ['PRESERVATION'] } as const;

/** confirm_preservation: preserved until a date within the policy's window from now (DESIGN §5). */
export const confirmPreservation = transition<'confirm_preservation', PreservationInput>(
  'confirm_preservation',
  {
    from: ['ACKNOWLEDGED'], to: 'PRESERVED', ...REQUESTED_OFFICER, types: ONLY_PRESERVATION,
    requiredInput: ['preservedUntil'], optionalInput: ['note'],
    deadlines: deadlineEffectsOf({ meet: ['PRESERVATION_CONFIRMATION'], start: ['PRESERVATION_EXPIRY'] }),
    stamps: [], notify: { type: 'request.preservation_confirmed', audience: OTHER_SIDE_OF_REQUESTED },
  },
  ({ row, input, now, policy }) => {
    const tz = row.requestedAuthorityTimezone;
    const until = parsePreservedUntil(String(input.preservedUntil), tz);
    refuseIf(confirmationRefusal(until, now, policy.preservation, tz));
    return {
      changes: { preservedUntil: until.at, preservationExtensions: 0 },
      eventInput: { ...input, preservedUntil: until.at.toISOString() },
      preservedUntil: until.at,
    };
  },
);

/** extend_preservation: later, by at most one extension, at most the policy's number of times. */
export const extendPreservation = transition<'extend_preservation', PreservationInput>(
  'extend_preservation',
  {
    from: ['PRESERVED'], to: 'SAME', ...REQUESTED_OFFICER, types: ONLY_PRESERVATION,
    requiredInput: ['preservedUntil'], optionalInput: ['note'],
    deadlines: deadlineEffectsOf({ move: ['PRESERVATION_EXPIRY'] }),
    stamps: [], notify: { type: 'request.preservation_extended', audience: OTHER_SIDE_OF_REQUESTED },
  },
  ({ row, input, policy }) => {
    const tz = row.requestedAuthorityTimezone;
    const until = parsePreservedUntil(String(input.preservedUntil), tz);
    refuseIf(extensionRefusal(until, row.preservedUntil as Date, row.preservationExtensions, policy.preservation, tz));
    return {
      changes: { preservedUntil: until.at, preservationExtensions: row.preservationExtensions + 1 },
      eventInput: { ...input, preservedUntil: until.at.toISOString(), previousUntil: row.preservedUntil?.toISOString() },
      preservedUntil: until.at,
    };
  },
);

/** expire (the worker): the PRESERVATION_EXPIRY that passed lapses with it; it names that deadline. */
export const expire = transition<'expire', ExpireInput>(
  'expire',
  {
    from: ['PRESERVED'], to: 'EXPIRED', role: 'SYSTEM', side: null, types: ONLY_PRESERVATION,
    deadline: { statuses: OPEN_RUNNING },
    stamps: ['closedAt'], notify: { type: 'request.expired', audience: BOTH_SIDES },
  },
  ({ deadline }) => ({ targeted: deadline ? { deadlineId: deadline.id, lapsed: true } : undefined }),
);
