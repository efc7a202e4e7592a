import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DeadlineKind, LegalBasis, Priority, RequestType, Side } from '../../requests/src/domain/request.types';
import type { DeadlineEffects } from '../../requests/src/domain/request-state-machine';
import { computeDueAt } from './domain';
import { DeadlinePolicyHolder } from './deadline-policy.provider';
import { DeadlinesRepository, NewDeadline } from './deadlines.repository';
import { durationFor } from './policy/deadline-policy.resolver';

/** The side that must act for each kind of deadline (DESIGN §5). */
export const DEADLINE_PARTY: Record<DeadlineKind, Side> = {
  REVIEW: 'REQUESTING',
  ACKNOWLEDGEMENT: 'REQUESTED',
  PRESERVATION_CONFIRMATION: 'REQUESTED',
  EXECUTION: 'REQUESTED',
  INFO_RESPONSE: 'REQUESTING',
  PRESERVATION_EXPIRY: 'REQUESTING',
};

/** What the planner needs of a request. */
export interface DeadlineSubject {
  id: string;
  type: RequestType;
  priority: Priority;
  legalBasis: LegalBasis;
  requestingCountry: string;
  requestedCountry: string;
  requestingAuthorityTimezone: string;
  requestedAuthorityTimezone: string;
}

/**
 * Applies an action's effect on deadlines (DESIGN §3), inside the action's transaction:
 * meet, pause, resume, move, end, and start with due times computed from the policy in the
 * ball holder's country and time zone.
 */
@Injectable()
export class DeadlinePlanner {
  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly policy: DeadlinePolicyHolder,
  ) {}

  async apply(
    m: EntityManager,
    subject: DeadlineSubject,
    effects: DeadlineEffects,
    now: Date,
    extra: { preservedUntil?: Date } = {},
  ): Promise<void> {
    if (effects.endAllOpen) await this.deadlines.endAllOpen(m, subject.id, now);
    await this.deadlines.meet(m, subject.id, effects.meet, now);
    await this.deadlines.pause(m, subject.id, effects.pause, now);
    await this.deadlines.resume(m, subject.id, effects.resume, now);
    for (const kind of effects.move) {
      if (kind === 'PRESERVATION_EXPIRY' && extra.preservedUntil) await this.deadlines.move(m, subject.id, kind, extra.preservedUntil, now);
    }
    const starts: NewDeadline[] = effects.start.map((kind) => ({
      kind,
      party: DEADLINE_PARTY[kind],
      startAt: now,
      dueAt: kind === 'PRESERVATION_EXPIRY' ? (extra.preservedUntil as Date) : this.dueAt(subject, kind, now),
    }));
    await this.deadlines.insert(m, subject.id, starts, now);
  }

  /** The due time of a deadline of this kind starting now, per the policy. */
  dueAt(subject: DeadlineSubject, kind: Exclude<DeadlineKind, 'PRESERVATION_EXPIRY'>, start: Date): Date {
    const duration = durationFor(this.policy.policy, kind, {
      priority: subject.priority,
      type: subject.type,
      legalBasis: subject.legalBasis,
      requestingCountry: subject.requestingCountry,
      requestedCountry: subject.requestedCountry,
    });
    const party = DEADLINE_PARTY[kind];
    const place =
      party === 'REQUESTING'
        ? { country: subject.requestingCountry, timezone: subject.requestingAuthorityTimezone }
        : { country: subject.requestedCountry, timezone: subject.requestedAuthorityTimezone };
    return computeDueAt(start, duration, place);
  }
}
