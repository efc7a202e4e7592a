import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DEADLINE_PARTY, type DeadlineEffects, type DeadlineKind } from '@mla/domain';
import type { DeadlineRow } from './deadline.row';
import { DeadlinePolicyHolder } from './deadline-policy.provider';
import { computeDueAt } from './domain';
import { type DeadlinePlan, planDeadlines, type TargetedDeadlineChange } from './planning/deadline-plan';
import type { DeadlineSubject } from './planning/deadline-subject';
import { durationFor, effectivePolicy } from './policy/deadline-policy.resolver';
import type { DeadlinePolicy } from './policy/deadline-policy.types';

/**
 * Decides an action's effect on a request's deadlines (DESIGN §3, §5) with the policy
 * loaded at boot: due times computed in the ball holder's country and time zone. Plans
 * only; the action's statement writes the plan.
 */
@Injectable()
export class DeadlinePlanner {
  constructor(private readonly policy: DeadlinePolicyHolder) {}

  plan(
    subject: DeadlineSubject,
    current: readonly DeadlineRow[],
    effects: DeadlineEffects,
    now: Date,
    extra: { preservedUntil?: Date; targeted?: TargetedDeadlineChange } = {},
  ): DeadlinePlan {
    return planDeadlines({
      requestId: subject.id,
      current,
      effects,
      now,
      dueAtFor: (kind) => (kind === 'PRESERVATION_EXPIRY' ? (extra.preservedUntil as Date) : this.dueAt(subject, kind, now)),
      moveTo: extra.preservedUntil,
      targeted: extra.targeted,
      schedule: this.policyFor(subject),
      newId: randomUUID,
    });
  }

  /** The policy that applies to this request (overrides included). */
  policyFor(subject: DeadlineSubject): DeadlinePolicy {
    return effectivePolicy(this.policy.policy, subject);
  }

  /** The due time of a deadline of this kind starting at `start`, per the policy. */
  dueAt(subject: DeadlineSubject, kind: Exclude<DeadlineKind, 'PRESERVATION_EXPIRY'>, start: Date): Date {
    const duration = durationFor(this.policy.policy, kind, subject);
    const place =
      DEADLINE_PARTY[kind] === 'REQUESTING'
        ? { country: subject.requestingCountry, timezone: subject.requestingAuthorityTimezone }
        : { country: subject.requestedCountry, timezone: subject.requestedAuthorityTimezone };
    return computeDueAt(start, duration, place);
  }
}
