import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEADLINE_PARTY, type DeadlineEffects, type DeadlineKind, type LegalBasis, type Priority, type RequestType } from '@mla/domain';
import { computeDueAt } from './domain';
import { DeadlinePolicyHolder } from './deadline-policy.provider';
import { ChangedDeadline, DeadlinesRepository, NewDeadline } from './deadlines.repository';
import { emptyDelta, nextEventOf, ScheduleDelta } from './scheduling/deadline-schedule';
import { durationFor, effectivePolicy } from './policy/deadline-policy.resolver';

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

  /** Applies the effects; answers the deadline jobs to add and remove once the transaction commits. */
  async apply(
    m: EntityManager,
    subject: DeadlineSubject,
    effects: DeadlineEffects,
    now: Date,
    extra: { preservedUntil?: Date } = {},
  ): Promise<ScheduleDelta> {
    const ended: ChangedDeadline[] = [];
    const rescheduled: ChangedDeadline[] = [];
    if (effects.endAllOpen) ended.push(...(await this.deadlines.endAllOpen(m, subject.id, now)));
    ended.push(...(await this.deadlines.meet(m, subject.id, effects.meet, now)));
    ended.push(...(await this.deadlines.pause(m, subject.id, effects.pause, now)));
    rescheduled.push(...(await this.deadlines.resume(m, subject.id, effects.resume, now)));
    for (const kind of effects.move) {
      if (kind === 'PRESERVATION_EXPIRY' && extra.preservedUntil) {
        rescheduled.push(...(await this.deadlines.move(m, subject.id, { kind }, extra.preservedUntil, now)));
      }
    }
    const starts: NewDeadline[] = effects.start.map((kind) => {
      const dueAt = kind === 'PRESERVATION_EXPIRY' ? (extra.preservedUntil as Date) : this.dueAt(subject, kind, now);
      const next = nextEventOf({ dueAt, spanMs: dueAt.getTime() - now.getTime(), escalationLevel: 0, remindersSent: 0 }, this.policyFor(subject));
      return { kind, party: DEADLINE_PARTY[kind], startAt: now, dueAt, scheduledFor: next?.at ?? null };
    });
    const ids = await this.deadlines.insert(m, subject.id, starts, now);
    const delta = await this.reschedule(m, subject, rescheduled);
    for (const d of [...ended, ...rescheduled]) if (d.oldScheduledFor) delta.remove.push({ deadlineId: d.id, at: d.oldScheduledFor });
    starts.forEach((s, i) => s.scheduledFor && delta.add.push({ deadlineId: ids[i] as string, at: s.scheduledFor }));
    return delta;
  }

  /** Computes the next event of deadlines whose times changed and records it. */
  async reschedule(m: EntityManager, subject: DeadlineSubject, changed: ChangedDeadline[]): Promise<ScheduleDelta> {
    const delta = emptyDelta();
    const open = changed.filter((d) => d.status === 'PENDING' || d.status === 'OVERDUE');
    const next = open.map((d) => ({ deadlineId: d.id, at: nextEventOf(d, this.policyFor(subject))?.at ?? null }));
    await this.deadlines.setScheduledFor(m, next);
    for (const n of next) if (n.at) delta.add.push({ deadlineId: n.deadlineId, at: n.at });
    return delta;
  }

  /** The reminders and escalation rules that apply to this request (overrides included). */
  policyFor(subject: DeadlineSubject) {
    return effectivePolicy(this.policy.policy, {
      priority: subject.priority,
      type: subject.type,
      legalBasis: subject.legalBasis,
      requestingCountry: subject.requestingCountry,
      requestedCountry: subject.requestedCountry,
    });
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
