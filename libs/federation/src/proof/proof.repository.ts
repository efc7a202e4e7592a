import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestSides } from './counterpart';
import type { SharedEventCopy } from './shared-chain';

/** What the proof reads (DESIGN §15): a request's shared events as kept, and its two sides. */
@Injectable()
export class ProofRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The request's shared events (`federation_shared_events`), verbatim, in seq order. */
  async sharedEventsOf(requestId: string): Promise<Required<SharedEventCopy>[]> {
    return this.dataSource.query(`SELECT seq, node, jws, hash, event_seq AS "eventSeq" FROM federation_shared_events WHERE request_id = $1 ORDER BY seq`, [requestId]);
  }

  /** Each side's authority's reach and country, and whether the request was sent; null when there is no such request. */
  async sidesOf(requestId: string): Promise<RequestSides | null> {
    const [row] = await this.dataSource.query(
      `SELECT ra.reach AS "requestingReach", ra.country AS "requestingCountry", qa.reach AS "requestedReach", qa.country AS "requestedCountry", r.sent_at IS NOT NULL AS sent
         FROM requests r
         JOIN authorities ra ON ra.id = r.requesting_authority_id
         LEFT JOIN authorities qa ON qa.id = r.requested_authority_id
        WHERE r.id = $1`,
      [requestId],
    );
    return (row as RequestSides | undefined) ?? null;
  }
}
