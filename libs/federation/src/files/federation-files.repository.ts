import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** An IN file (a peer's, this node fetches it) by its key. */
export interface InFileKey {
  peerId: string;
  requestId: string;
  sha256: string;
}

/** A file this node sent a peer, as its GET needs it: where its bytes are (federation-files.statements.ts). */
export interface OfferedFile {
  requestId: string;
  contentRef: string;
  sizeBytes: number;
}

/** An ARRIVING file claimed for one attempt (its `attempts` counts it: the fence of its outcome). */
export interface ClaimedFile extends InFileKey {
  sizeBytes: number;
  attempts: number;
  peerUrl: string;
  peerNode: string;
}

/** What follows a failed attempt: ARRIVING again later, or FAILED after the last. */
export type FetchFailure = { state: 'ARRIVING'; nextAttemptAt: Date; error: string; at: Date } | { state: 'FAILED'; error: string; at: Date };

/** A file of a request that crossed (or is crossing) between this node and a peer. */
export interface PeerFileRow {
  peerNode: string;
  direction: 'IN' | 'OUT';
  sha256: string;
  sizeBytes: string;
  mediaType: string | null;
  fileName: string | null;
  state: 'OFFERED' | 'ARRIVING' | 'RECEIVED' | 'FAILED';
  contentRef: string | null;
  attempts: number;
  lastError: string | null;
  receivedAt: Date | null;
  createdAt: Date;
}

const FILE_COLUMNS = `p.node_id AS "peerNode", f.direction, f.sha256, f.size_bytes AS "sizeBytes", f.media_type AS "mediaType", f.file_name AS "fileName",
  f.state, f.content_ref AS "contentRef", f.attempts, f.last_error AS "lastError", f.received_at AS "receivedAt", f.created_at AS "createdAt"`;

/**
 * The files that cross between nodes by SHA-256 (`federation_files`, DESIGN §15): what a peer
 * may fetch of this node, the fetching of a peer's files, and a request's files for people.
 * (The rows are written with the messages that list them: federation-files.statements.ts.)
 */
@Injectable()
export class FederationFilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Where the bytes of a file this node listed in a message to `peerId` are; null when it never listed it to that peer. */
  async offeredTo(peerId: string, sha256: string): Promise<OfferedFile | null> {
    const [row] = (await this.dataSource.query(
      `SELECT request_id AS "requestId", content_ref AS "contentRef", size_bytes AS "sizeBytes" FROM federation_files
       WHERE peer_id = $1 AND direction = 'OUT' AND sha256 = $2 ORDER BY created_at LIMIT 1`,
      [peerId, sha256],
    )) as { requestId: string; contentRef: string; sizeBytes: string }[];
    return row ? { requestId: row.requestId, contentRef: row.contentRef, sizeBytes: Number(row.sizeBytes) } : null;
  }

  /** The letter of request with that SHA-256 (a PDF kept in the database, small). */
  async letterPdf(requestId: string, sha256: string): Promise<Buffer | null> {
    const [row] = (await this.dataSource.query(`SELECT pdf FROM request_letters WHERE request_id = $1 AND sha256 = $2 LIMIT 1`, [requestId, sha256])) as { pdf: Buffer }[];
    return row?.pdf ?? null;
  }

  /** Where the file store keeps an evidence item's bytes; null until its file is stored. */
  async evidenceContentRef(requestId: string, sha256: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT content_ref AS "contentRef" FROM evidence_items WHERE request_id = $1 AND sha256 = $2 AND content_ref IS NOT NULL ORDER BY created_at LIMIT 1`,
      [requestId, sha256],
    )) as { contentRef: string }[];
    return row?.contentRef ?? null;
  }

  /**
   * Claims the next ARRIVING file due (of an ACTIVE peer) for one attempt: counts the attempt
   * and moves its due time to the lease `leaseUntil(size)` gives, so no other worker takes it
   * meanwhile (a file another worker is claiming is skipped). A suspended peer's files wait.
   */
  claimNext(now: Date, leaseUntil: (sizeBytes: number) => Date): Promise<ClaimedFile | null> {
    return this.dataSource.transaction(async (m) => {
      const [due] = (await m.query(
        `SELECT f.peer_id AS "peerId", f.request_id AS "requestId", f.sha256, f.size_bytes AS "sizeBytes", f.attempts, p.url AS "peerUrl", p.node_id AS "peerNode"
         FROM federation_files f JOIN federation_peers p ON p.id = f.peer_id AND p.state = 'ACTIVE'
         WHERE f.state = 'ARRIVING' AND (f.next_attempt_at IS NULL OR f.next_attempt_at <= $1)
         ORDER BY f.next_attempt_at NULLS FIRST, f.created_at LIMIT 1 FOR UPDATE OF f SKIP LOCKED`,
        [now],
      )) as (Omit<ClaimedFile, 'sizeBytes'> & { sizeBytes: string })[];
      if (!due) return null;
      const claimed: ClaimedFile = { ...due, sizeBytes: Number(due.sizeBytes), attempts: due.attempts + 1 };
      await m.query(
        `UPDATE federation_files SET attempts = $4, next_attempt_at = $5, updated_at = $6
         WHERE peer_id = $1 AND direction = 'IN' AND request_id = $2 AND sha256 = $3`,
        [claimed.peerId, claimed.requestId, claimed.sha256, claimed.attempts, leaseUntil(claimed.sizeBytes), now],
      );
      return claimed;
    });
  }

  /**
   * The file RECEIVED with its bytes at `contentRef`, in the transaction that stores them;
   * false when the attempt no longer holds the row (another attempt took it after the lease).
   */
  async markReceived(m: EntityManager, key: InFileKey, attempts: number, contentRef: string, at: Date): Promise<boolean> {
    const [, count] = (await m.query(
      `UPDATE federation_files SET state = 'RECEIVED', content_ref = $5, received_at = $6, next_attempt_at = NULL, updated_at = $6
       WHERE peer_id = $1 AND direction = 'IN' AND request_id = $2 AND sha256 = $3 AND attempts = $4 AND state = 'ARRIVING'`,
      [key.peerId, key.requestId, key.sha256, attempts, contentRef, at],
    )) as [unknown, number];
    return count === 1;
  }

  /**
   * Gives the request's evidence items of that SHA-256 still without their file (recorded from
   * the peer's message) the bytes received: content_ref and content_stored_at, the one change
   * an item allows, once. Answers how many.
   */
  async storeEvidenceContent(m: EntityManager, requestId: string, sha256: string, contentRef: string, at: Date): Promise<number> {
    const [, count] = (await m.query(
      `UPDATE evidence_items SET content_ref = $3, content_stored_at = $4
       WHERE request_id = $1 AND sha256 = $2 AND content_ref IS NULL AND content_stored_at IS NULL`,
      [requestId, sha256, contentRef, at],
    )) as [unknown, number];
    return count;
  }

  /** Records a failed attempt; false when the row moved on meanwhile. */
  async settleFailure(key: InFileKey, attempts: number, f: FetchFailure): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE federation_files SET state = $5, next_attempt_at = $6, last_error = $7, updated_at = $8
       WHERE peer_id = $1 AND direction = 'IN' AND request_id = $2 AND sha256 = $3 AND attempts = $4 AND state = 'ARRIVING'`,
      [key.peerId, key.requestId, key.sha256, attempts, f.state, f.state === 'ARRIVING' ? f.nextAttemptAt : null, f.error.slice(0, 2000), f.at],
    )) as [unknown, number];
    return count === 1;
  }

  /** A request's files that crossed between nodes (both directions), in the order they were listed. */
  ofRequest(requestId: string): Promise<PeerFileRow[]> {
    return this.dataSource.query(
      `SELECT ${FILE_COLUMNS} FROM federation_files f JOIN federation_peers p ON p.id = f.peer_id
       WHERE f.request_id = $1 ORDER BY f.created_at, f.direction, f.sha256, p.node_id`,
      [requestId],
    );
  }

  /** The files a peer sent for the request with that SHA-256 (IN), RECEIVED ones first. */
  async incoming(requestId: string, sha256: string): Promise<PeerFileRow[]> {
    return this.dataSource.query(
      `SELECT ${FILE_COLUMNS} FROM federation_files f JOIN federation_peers p ON p.id = f.peer_id
       WHERE f.request_id = $1 AND f.sha256 = $2 AND f.direction = 'IN' ORDER BY (f.state = 'RECEIVED') DESC, f.created_at`,
      [requestId, sha256],
    );
  }
}
