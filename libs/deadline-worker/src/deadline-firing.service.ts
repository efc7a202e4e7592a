import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, TransactionRunner } from '@mla/core';
import { DeadlinePlanner, DeadlineRow, DeadlineScheduler, DeadlinesRepository, emptyDelta, nextEventOf, ScheduleDelta } from '@mla/deadlines';
import { AuthoritiesRepository, UsersRepository } from '@mla/identity';
import { OutboxMessage, OutboxWriter } from '@mla/outbox';
import { notificationMessages, RequestHistory, RequestRow, RequestsRepository, SYSTEM_ACTOR, TransitionsService } from '@mla/requests';

export type FiringOutcome = 'reminded' | 'overdue' | 'escalated' | 'expired' | 'nothing';

/**
 * What a deadline job does when it fires. It re-reads the deadline (locked, after its
 * request, in the order actions lock them), performs every event that is due by now, and
 * schedules the next. Running it twice does nothing the second time.
 */
@Injectable()
export class DeadlineFiringService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesRepository,
    private readonly planner: DeadlinePlanner,
    private readonly scheduler: DeadlineScheduler,
    private readonly requests: RequestsRepository,
    private readonly history: RequestHistory,
    private readonly transitions: TransitionsService,
    private readonly users: UsersRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async fire(deadlineId: string): Promise<FiringOutcome[]> {
    const { outcomes, delta } = await this.tx.run(async (m) => {
      const [ref] = (await m.query(`SELECT request_id AS "requestId" FROM deadlines WHERE id = $1`, [deadlineId])) as { requestId: string }[];
      if (!ref) return { outcomes: [] as FiringOutcome[], delta: emptyDelta() };
      const request = await this.requests.findRow(m, ref.requestId, true);
      const [deadline] = (await m.query(
        `SELECT id, kind, party, status, due_at AS "dueAt", span_ms AS "spanMs", escalation_level AS "escalationLevel",
                reminders_sent AS "remindersSent", scheduled_for AS "scheduledFor"
         FROM deadlines WHERE id = $1 FOR UPDATE`,
        [deadlineId],
      )) as DeadlineRow[];
      if (!request || !deadline || !['PENDING', 'OVERDUE'].includes(deadline.status)) {
        return { outcomes: [] as FiringOutcome[], delta: emptyDelta() };
      }
      return this.fireLocked(m, request, deadline);
    });
    await this.scheduler.apply(delta);
    return outcomes;
  }

  private async fireLocked(m: EntityManager, request: RequestRow, d: DeadlineRow): Promise<{ outcomes: FiringOutcome[]; delta: ScheduleDelta }> {
    const now = this.clock.now();
    const policy = this.planner.policyFor(request);
    const outcomes: FiringOutcome[] = [];
    let delta = emptyDelta();
    let row = request;
    for (let next = nextEventOf(d, policy); next && next.at <= now; next = nextEventOf(d, policy)) {
      if (next.kind === 'REMINDER') {
        d.remindersSent += 1;
        // A reminder whose deadline has already passed would only be noise: skip it.
        if (d.dueAt > now) {
          await this.outbox.write(m, await this.reminderMessages(row, d, now), now);
          outcomes.push('reminded');
        }
        await m.query(`UPDATE deadlines SET reminders_sent = $2, updated_at = $3 WHERE id = $1`, [d.id, d.remindersSent, now]);
        continue;
      }
      if (next.kind === 'DUE' && d.kind === 'PRESERVATION_EXPIRY') {
        // The follow-up request was not sent in time: the preservation lapses.
        await m.query(`UPDATE deadlines SET status = 'OVERDUE', escalation_level = 2, ended_at = $2, scheduled_for = NULL, updated_at = $2 WHERE id = $1`, [d.id, now]);
        if (row.state === 'PRESERVED') {
          const expired = await this.transitions.applyAsSystem(m, row, 'expire');
          delta = expired.delta;
        }
        outcomes.push('expired');
        return { outcomes, delta };
      }
      const level = next.kind === 'DUE' ? 1 : 2;
      d.escalationLevel = level;
      d.status = 'OVERDUE';
      row = await this.recordEscalation(m, row, d, level, now);
      outcomes.push(level === 1 ? 'overdue' : 'escalated');
    }
    const following = nextEventOf(d, policy);
    await this.deadlines.setScheduledFor(m, [{ deadlineId: d.id, at: following?.at ?? null }]);
    if (following) delta.add.push({ deadlineId: d.id, at: following.at });
    return { outcomes, delta };
  }

  /** Level 1 at the due time (the ball holder's supervisors), level 2 later (both countries'). */
  private async recordEscalation(m: EntityManager, row: RequestRow, d: DeadlineRow, level: 1 | 2, now: Date): Promise<RequestRow> {
    const partyCountry = d.party === 'REQUESTING' ? row.requestingCountry : row.requestedCountry;
    const countries = level === 1 ? [partyCountry] : [...new Set([row.requestingCountry, ...(row.sentAt ? [row.requestedCountry] : [])])];
    const supervisors = await this.users.supervisorsOf(countries);
    const escalation = { deadlineId: d.id, kind: d.kind, party: d.party, dueAt: d.dueAt.toISOString(), escalationLevel: level };
    const { updated } = await this.history.append(m, row, {
      action: level === 1 ? 'deadline_overdue' : 'deadline_escalated',
      actor: SYSTEM_ACTOR,
      input: escalation,
      at: now,
      alongside: (p) => `UPDATE deadlines SET status = 'OVERDUE', escalation_level = ${p.add(level)}, updated_at = ${p.add(now)} WHERE id = ${p.add(d.id)}`,
      notify: (event) =>
        notificationMessages({
          type: 'deadline.escalated',
          request: { id: row.id, reference: row.reference, state: row.state },
          eventSeq: event.seq,
          at: now,
          data: escalation,
          recipients: supervisors.map((s) => ({ authorityId: s.authorityId, userId: s.id })),
        }),
    });
    return updated;
  }

  /** Reminders go to the ball holder: the requested authority, the home officers (REVIEW) or the prosecutor. */
  private async reminderMessages(row: RequestRow, d: DeadlineRow, now: Date): Promise<OutboxMessage[]> {
    const recipients =
      d.party === 'REQUESTED'
        ? [row.requestedAuthorityId]
        : d.kind === 'REVIEW'
          ? await this.authorities.officerAuthorityIds(row.requestingCountry)
          : [row.requestingAuthorityId];
    return notificationMessages({
      type: 'deadline.reminder',
      request: { id: row.id, reference: row.reference, state: row.state },
      eventSeq: null,
      at: now,
      data: { deadlineId: d.id, kind: d.kind, party: d.party, dueAt: d.dueAt.toISOString() },
      recipients: recipients.map((authorityId) => ({ authorityId })),
    });
  }
}
