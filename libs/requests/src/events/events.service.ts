import { Injectable } from '@nestjs/common';
import type { Principal } from '@mla/identity';
import { verifyChain } from '../domain/event-hash';
import { SharedProof } from '@mla/federation';
import type { ChainVerificationDto, EventActorNamesDto, EventDto, EventListDto, ListEventsQueryDto, VerifyEventsQueryDto } from '../dto/event.dto';
import type { Side } from '@mla/domain';
import type { StoredEvent } from '../domain/event-hash';
import { matchesIfNoneMatch, type ConditionalAnswer } from '../http/conditional-read';
import { RequestReader } from '../reading/request-reader';
import { sideOf } from '../visibility';
import { EventsRepository, type NamedEvent } from './events.repository';

/** An event as the caller's side sees it: whole when its audience includes that side, else only its place in the chain. */
export function toEventDto(e: StoredEvent, side: Side | null): EventDto {
  if (e.audience !== 'BOTH' && e.audience !== side) return { seq: e.seq, hidden: true, hash: e.hash, prevHash: e.prevHash };
  return { ...e, hidden: false } as unknown as EventDto;
}

/** The names of the shown events' actors: people of the caller's own country by name, authorities by name. */
export function actorNames(named: readonly NamedEvent[], shown: readonly EventDto[], callerCountry: string | null): EventActorNamesDto {
  const visible = new Set(shown.filter((e) => !e.hidden).map((e) => e.seq));
  const names: EventActorNamesDto = { users: {}, authorities: {} };
  for (const n of named) {
    const actor = n.event.actor as { userId?: string | null; authorityId?: string | null; country?: string | null };
    if (!visible.has(n.event.seq)) continue;
    if (actor.userId && n.actorName && callerCountry !== null && actor.country === callerCountry) names.users[actor.userId] = n.actorName;
    if (actor.authorityId && n.actorAuthorityName) names.authorities[actor.authorityId] = n.actorAuthorityName;
  }
  return names;
}

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly requests: RequestReader,
    private readonly proof: SharedProof,
  ) {}

  /** A page of the history; a 304 (no access-log row) when the chain has not grown since the caller's copy (`If-None-Match`). */
  async list(p: Principal, requestId: string, q: ListEventsQueryDto, ifNoneMatch?: string | string[]): Promise<ConditionalAnswer<EventListDto>> {
    const row = await this.requests.visibleRow(p, requestId);
    // A page is a function of the chain's length (and of the query, which is in the URL the tag is for).
    const etag = `W/"events-${row.eventSeq}"`;
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, notModified: true };
    await this.requests.recordRead(p, row, 'events');
    const limit = q.limit ?? 100;
    const rows = await this.events.page(requestId, Number(q.cursor ?? 0), limit + 1);
    const side = sideOf(p, row);
    const page = rows.slice(0, limit);
    const items = page.map((n) => toEventDto(n.event, side));
    const last = items[items.length - 1];
    return { etag, notModified: false, body: { items, nextCursor: rows.length > limit && last ? String(last.seq) : null, names: actorNames(page, items, p.country) } };
  }

  /**
   * Recomputes the hash chain from the stored events — all of them, the other side's
   * internal ones included — and names the first broken link. The verdict tells nothing of
   * the hidden events' content, so either side may have it. A request one side of which works
   * on a peer node (DESIGN §15) has its shared events checked too (`shared`: every signature,
   * the chain, the history event each points at); `witness: 'peer'` also compares them with the
   * peer's copy (`witness`).
   */
  async verify(p: Principal, requestId: string, q: VerifyEventsQueryDto = {}): Promise<ChainVerificationDto> {
    const row = await this.requests.readVisible(p, requestId, 'events_verify');
    const events = await this.events.all(requestId);
    const history = historyVerdict(events, row.eventSeq, row.lastEventHash);
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    const shared = await this.proof.check(requestId, (seq) => {
      const e = bySeq.get(seq);
      return e ? { action: e.action, toState: e.toState, at: e.occurredAt } : null;
    });
    const witness = q.witness === 'peer' ? await this.proof.witness(requestId) : null;
    const verdict: ChainVerificationDto = { ...history };
    if (shared) {
      verdict.shared = shared;
      if (verdict.valid && !shared.valid) Object.assign(verdict, { valid: false, reason: `shared event ${shared.firstProblem?.seq}: ${shared.firstProblem?.reason}` });
    }
    if (witness) verdict.witness = witness;
    return verdict;
  }
}

/** The history's chain recomputed; the request row records the head of its chain, so events removed from the end show too. */
function historyVerdict(events: StoredEvent[], eventSeq: number, lastEventHash: string | null): ChainVerificationDto {
  const verdict = verifyChain(events);
  if (!verdict.valid) return verdict;
  const head = events[events.length - 1];
  if (events.length !== eventSeq || (head?.hash ?? null) !== lastEventHash) {
    return { valid: false, count: events.length, brokenAt: events.length + 1, reason: `the request records ${eventSeq} events; ${events.length} remain` };
  }
  return verdict;
}
