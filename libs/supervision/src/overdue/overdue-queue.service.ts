import { Injectable } from '@nestjs/common';
import { AppException, Clock } from '@mla/core';
import type { Principal } from '@mla/identity';
import type { OverdueDeadlineDto, OverdueListDto, OverdueQueryDto } from '../dto/overdue.dto';
import { SupervisionRepository } from '../supervision.repository';
import { decodeOverdueCursor, encodeOverdueCursor } from './overdue-cursor';
import type { OverdueRow } from './overdue.sql';

const DAY_MS = 86_400_000;

/** What is overdue in the supervisor's country, and who holds it (DESIGN §8). */
@Injectable()
export class OverdueQueueService {
  constructor(
    private readonly repository: SupervisionRepository,
    private readonly clock: Clock,
  ) {}

  async list(p: Principal, q: OverdueQueryDto): Promise<OverdueListDto> {
    if (!p.country) throw AppException.forbidden('Supervision belongs to the supervisors of a country');
    const country = p.country;
    const limit = q.limit ?? 20;
    const now = this.clock.now();
    const rows = await this.repository.overdue({
      country,
      now,
      counterpartCountry: q.counterpartCountry,
      kind: q.kind,
      level: q.level,
      priority: q.priority,
      after: decodeOverdueCursor(q.cursor),
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => toItem(r, country, now)),
      nextCursor: rows.length > limit && last ? encodeOverdueCursor(last.dueKey, last.id) : null,
    };
  }
}

function toItem(r: OverdueRow, country: string, now: Date): OverdueDeadlineDto {
  const outgoing = r.requestingCountry === country;
  return {
    deadlineId: r.id,
    kind: r.kind,
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    daysOverdue: Math.max(0, Math.floor((now.getTime() - r.dueAt.getTime()) / DAY_MS)),
    escalationLevel: r.level,
    direction: outgoing ? 'outgoing' : 'incoming',
    counterpartCountry: outgoing ? r.requestedCountry : r.requestingCountry,
    request: { id: r.requestId, reference: r.reference, title: r.title, type: r.type, priority: r.priority, state: r.state },
    ballHolder: { side: r.party, authorityId: r.holderId, authorityCode: r.holderCode, country: r.holderCountry },
    assignee: r.assigneeId ? { id: r.assigneeId, displayName: r.assigneeName ?? '' } : null,
  };
}
