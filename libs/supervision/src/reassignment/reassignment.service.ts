import { Injectable } from '@nestjs/common';
import { AppException, Clock, TransactionRunner } from '@mla/core';
import { DeadlinesRepository } from '@mla/deadlines';
import { Principal, UsersRepository } from '@mla/identity';
import {
  actorOf,
  canSee,
  notificationMessages,
  RequestHistory,
  RequestDto,
  RequestsRepository,
  toRequestDto,
  versionFromIfMatch,
} from '@mla/requests';
import { TERMINAL_STATES } from '@mla/domain';
import type { ReassignDto } from '../dto/reassign.dto';

/**
 * A supervisor of the requested country hands a request to another officer of the
 * requested authority (`assignee_id`: the requested side's handling officer). Audited as
 * one transaction: the request's new assignee and version, one hash-chained `reassign`
 * event (who, why, from whom to whom), and a notification to the new assignee.
 */
@Injectable()
export class ReassignmentService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly history: RequestHistory,
    private readonly deadlines: DeadlinesRepository,
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async reassign(p: Principal, requestId: string, dto: ReassignDto, ifMatch: string | undefined): Promise<RequestDto> {
    const { updated, deadlines } = await this.tx.run(async (m) => {
      const row = await this.requests.findRow(m, requestId, true);
      if (!row || !canSee(p, row)) throw AppException.notFound('Request');
      if (p.role !== 'SUPERVISOR' || p.country !== row.requestedCountry) {
        throw AppException.forbidden(`Only a supervisor of ${row.requestedCountry}, the requested country, assigns the officer who handles it`);
      }
      if (ifMatch !== undefined && versionFromIfMatch(ifMatch) !== row.version) {
        throw new AppException('VERSION_CONFLICT', `The request is at version ${row.version}; re-read it and retry`, undefined, {
          currentVersion: row.version,
        });
      }
      if (TERMINAL_STATES.includes(row.state)) {
        throw new AppException('INVALID_TRANSITION', `This request is ${row.state}: nobody handles it any more`);
      }
      const assignee = await this.users.findById(dto.assigneeId);
      if (!assignee || !assignee.active || assignee.role !== 'OFFICER' || assignee.authorityId !== row.requestedAuthorityId) {
        throw AppException.rule('The assignee must be an active officer of the requested authority', [
          { field: 'assigneeId', message: `names no active officer of ${row.requestedAuthorityCode}` },
        ]);
      }
      if (row.assigneeId === assignee.id) {
        throw AppException.rule('This officer already handles the request', [{ field: 'assigneeId', message: 'is the current assignee' }]);
      }

      const now = this.clock.now();
      const input = { assigneeId: assignee.id, previousAssigneeId: row.assigneeId, reason: dto.reason };
      const { updated } = await this.history.append(m, row, {
        action: 'reassign',
        actor: actorOf(p),
        input,
        at: now,
        changes: { assigneeId: assignee.id },
        notify: (event) =>
          notificationMessages({
            type: 'request.reassigned',
            request: { id: row.id, reference: row.reference, state: row.state },
            eventSeq: event.seq,
            at: now,
            data: { assigneeId: assignee.id, previousAssigneeId: row.assigneeId },
            recipients: [{ authorityId: row.requestedAuthorityId, userId: assignee.id }],
          }),
      });
      return { updated, deadlines: await this.deadlines.forRequest(m, requestId) };
    });
    return toRequestDto(updated, deadlines, p);
  }
}
