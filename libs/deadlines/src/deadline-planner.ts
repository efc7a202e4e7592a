import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DEADLINE_PARTY, type DeadlineEffects, type DeadlineKind, type Side } from '@mla/domain';
import { WorkingCalendarsHolder } from '@mla/countries';
import type { DeadlineRow } from './deadline.row';
import { DeadlinePolicyHolder } from './deadline-policy.provider';
import { addBusinessDays, type BallHolderPlace, computeDueAt } from './domain';
import { type DeadlinePlan, planDeadlines, type RecomputedDueAt, type TargetedDeadlineChange } from './planning/deadline-plan';
import type { DeadlineSubject } from './planning/deadline-subject';
import { durationFor, effectivePolicy } from './policy/deadline-policy.resolver';
import type { DeadlinePolicy } from './policy/deadline-policy.types';

type TimedKind = Exclude<DeadlineKind, 'PRESERVATION_EXPIRY'>;

/**
 * Decides an action's effect on a request's deadlines (DESIGN §3, §5) with the policy
 * loaded at boot: due times computed in the ball holder's country and time zone, business
 * days on that country's working calendar. Plans only; the action's statement writes the plan.
 */
@Injectable()
export class DeadlinePlanner {
  constructor(
    private readonly policy: DeadlinePolicyHolder,
    private readonly calendars: WorkingCalendarsHolder,
  ) {}

  plan(
    subject: DeadlineSubject,
    current: readonly DeadlineRow[],
    effects: DeadlineEffects,
    now: Date,
    extra: { preservedUntil?: Date; targeted?: TargetedDeadlineChange; recomputed?: readonly RecomputedDueAt[] } = {},
  ): DeadlinePlan {
    return planDeadlines({
      requestId: subject.id,
      current,
      effects,
      now,
      dueAtFor: (kind) => (kind === 'PRESERVATION_EXPIRY' ? (extra.preservedUntil as Date) : this.dueAt(subject, kind, now)),
      businessDaysFor: (kind) => (kind === 'PRESERVATION_EXPIRY' ? null : this.businessDaysOf(subject, kind)),
      moveTo: extra.preservedUntil,
      targeted: extra.targeted,
      recomputed: extra.recomputed,
      schedule: this.policyFor(subject),
      newId: randomUUID,
    });
  }

  /** The policy that applies to this request (overrides included). */
  policyFor(subject: DeadlineSubject): DeadlinePolicy {
    return effectivePolicy(this.policy.policy, subject);
  }

  /** The due time of a deadline of this kind starting at `start`, per the policy. */
  dueAt(subject: DeadlineSubject, kind: TimedKind, start: Date): Date {
    const place = placeOf(subject, DEADLINE_PARTY[kind]);
    return computeDueAt(start, durationFor(this.policy.policy, kind, subject), place, this.calendars.calendarFor(place.country));
  }

  /**
   * The due time a running deadline counted in business days has on the ball holder's
   * country's working calendar as it is now (null: not counted in business days).
   */
  recomputedDueAt(subject: DeadlineSubject, deadline: DeadlineRow): Date | null {
    if (deadline.businessDays === null) return null;
    const place = placeOf(subject, deadline.party);
    return addBusinessDays(deadline.startAt, deadline.businessDays, place, this.calendars.calendarFor(place.country));
  }

  private businessDaysOf(subject: DeadlineSubject, kind: TimedKind): number | null {
    const duration = durationFor(this.policy.policy, kind, subject);
    return duration.kind === 'businessDays' ? duration.days : null;
  }
}

/** Where the side holding a deadline works. */
export function placeOf(subject: DeadlineSubject, party: Side): BallHolderPlace {
  return party === 'REQUESTING'
    ? { country: subject.requestingCountry, timezone: subject.requestingAuthorityTimezone }
    : { country: subject.requestedCountry, timezone: subject.requestedAuthorityTimezone };
}
