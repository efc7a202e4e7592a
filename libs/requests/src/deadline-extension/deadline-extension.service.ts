import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppException, Clock, TransactionRunner } from '@mla/core';
import { DeadlinePlanner, DeadlineScheduler, DeadlinesRepository } from '@mla/deadlines';
import type { Principal } from '@mla/identity';
import type { ExtendDeadlineDto } from '../dto/extend-deadline.dto';
import type { RequestDto } from '../dto/request.dto';
import { actorOf } from '../events/event-builder';
import { RequestHistory } from '../events/request-history';
import { notificationMessages } from '../notification-plan';
import { toRequestDto } from '../request.presenter';
import { RequestsService } from '../requests.service';

/**
 * A supervisor moves a deadline of their own country's side, with a written reason
 * (DESIGN §5): the event records who, why, the old and the new due time.
 */
@Injectable()
export class DeadlineExtensionService {
  constructor(
    private readonly requestsService: RequestsService,
    private readonly history: RequestHistory,
    private readonly deadlines: DeadlinesRepository,
    private readonly planner: DeadlinePlanner,
    private readonly scheduler: DeadlineScheduler,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async extend(p: Principal, requestId: string, deadlineId: string, dto: ExtendDeadlineDto): Promise<RequestDto> {
    const result = await this.tx.run(async (m) => {
      const row = await this.requestsService.visibleRow(m, p, requestId, true);
      const deadline = (await this.deadlines.forRequest(m, requestId)).find((d) => d.id === deadlineId);
      if (!deadline) throw AppException.notFound('Deadline');
      const partyCountry = deadline.party === 'REQUESTING' ? row.requestingCountry : row.requestedCountry;
      if (p.role !== 'SUPERVISOR' || p.country !== partyCountry) {
        throw AppException.forbidden(`Only a supervisor of ${partyCountry}, whose side holds this deadline, may extend it`);
      }
      if (!['PENDING', 'OVERDUE'].includes(deadline.status)) {
        throw new AppException('INVALID_TRANSITION', `A ${deadline.status} deadline cannot be extended`);
      }
      const timezone = deadline.party === 'REQUESTING' ? row.requestingAuthorityTimezone : row.requestedAuthorityTimezone;
      const newDue = /^\d{4}-\d{2}-\d{2}$/.test(dto.dueAt)
        ? DateTime.fromISO(dto.dueAt, { zone: timezone }).endOf('day').toJSDate()
        : new Date(dto.dueAt);
      const now = this.clock.now();
      if (newDue <= deadline.dueAt || newDue <= now) {
        throw AppException.rule('An extension moves the due time later', [
          { field: 'dueAt', message: `must be after ${new Date(Math.max(deadline.dueAt.getTime(), now.getTime())).toISOString()}` },
        ]);
      }
      const changed = await this.deadlines.move(m, requestId, { id: deadlineId }, newDue, now);
      const delta = await this.planner.reschedule(m, row, changed);
      for (const d of changed) if (d.oldScheduledFor) delta.remove.push({ deadlineId: d.id, at: d.oldScheduledFor });

      const moved = { deadlineId, kind: deadline.kind, oldDueAt: deadline.dueAt.toISOString(), newDueAt: newDue.toISOString() };
      const recipients = [...new Set([row.requestingAuthorityId, row.requestedAuthorityId, ...(row.sendingAuthorityId ? [row.sendingAuthorityId] : [])])];
      const visibleTo = row.sentAt ? recipients : recipients.filter((a) => a !== row.requestedAuthorityId);
      const { updated } = await this.history.append(m, row, {
        action: 'extend_deadline',
        actor: actorOf(p),
        input: { ...moved, reason: dto.reason },
        at: now,
        notify: (event) =>
          notificationMessages({
            type: 'deadline.extended',
            request: { id: row.id, reference: row.reference, state: row.state },
            eventSeq: event.seq,
            at: now,
            data: moved,
            recipients: visibleTo.map((authorityId) => ({ authorityId })),
          }),
      });
      return { updated, deadlines: await this.deadlines.forRequest(m, requestId), delta };
    });
    await this.scheduler.applyAfterCommit(result.delta);
    return toRequestDto(result.updated, result.deadlines, p);
  }
}
