import { Injectable } from '@nestjs/common';
import type { Principal } from '@mla/identity';
import { verifyChain } from '../domain/event-hash';
import type { ChainVerificationDto, EventDto, EventListDto, ListEventsQueryDto } from '../dto/event.dto';
import { RequestsService } from '../requests.service';
import { EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly requests: RequestsService,
  ) {}

  async list(p: Principal, requestId: string, q: ListEventsQueryDto): Promise<EventListDto> {
    await this.requests.visibleRow(p, requestId);
    const limit = q.limit ?? 100;
    const rows = await this.events.page(requestId, Number(q.cursor ?? 0), limit + 1);
    const items = rows.slice(0, limit) as unknown as EventDto[];
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? String(last.seq) : null };
  }

  /** Recomputes the hash chain from the stored events and names the first broken link. */
  async verify(p: Principal, requestId: string): Promise<ChainVerificationDto> {
    const row = await this.requests.visibleRow(p, requestId);
    const events = await this.events.all(requestId);
    const verdict = verifyChain(events);
    if (!verdict.valid) return verdict;
    // The request row records the head of its chain: events removed from the end show here.
    const head = events[events.length - 1];
    if (events.length !== row.eventSeq || (head?.hash ?? null) !== row.lastEventHash) {
      return { valid: false, count: events.length, brokenAt: events.length + 1, reason: `the request records ${row.eventSeq} events; ${events.length} remain` };
    }
    return verdict;
  }
}
