import { confirmationRefusal, extensionRefusal, parsePreservedUntil } from '@mla/domain';
import type { CommandPlan, RuleContext } from '../command.types';
import { refuseIf } from './refusal';

/** confirm_preservation: preserved until a date within the policy's window from now (DESIGN §5). */
export function confirmPreservationRule({ row, input, now, policy }: RuleContext): CommandPlan {
  const tz = row.requestedAuthorityTimezone;
  const until = parsePreservedUntil(String(input.preservedUntil), tz);
  refuseIf(confirmationRefusal(until, now, policy.preservation, tz));
  return {
    changes: { preservedUntil: until.at, preservationExtensions: 0 },
    eventInput: { ...input, preservedUntil: until.at.toISOString() },
    preservedUntil: until.at,
  };
}

/** extend_preservation: later, by at most one extension, at most the policy's number of times. */
export function extendPreservationRule({ row, input, policy }: RuleContext): CommandPlan {
  const tz = row.requestedAuthorityTimezone;
  const until = parsePreservedUntil(String(input.preservedUntil), tz);
  refuseIf(extensionRefusal(until, row.preservedUntil as Date, row.preservationExtensions, policy.preservation, tz));
  return {
    changes: { preservedUntil: until.at, preservationExtensions: row.preservationExtensions + 1 },
    eventInput: { ...input, preservedUntil: until.at.toISOString(), previousUntil: row.preservedUntil?.toISOString() },
    preservedUntil: until.at,
  };
}
