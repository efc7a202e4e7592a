import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface QuotaUse {
  /** The request's stored files plus its reservations under way. */
  requestBytes: number;
  /** What the user reserved in the last 24 hours (stored or under way). */
  userBytes: number;
  reserved: boolean;
}

/** The SQL of the file quota's reservations (table file_quota_reservations). */
@Injectable()
export class FileQuotaRepository {
  /**
   * Reserves `bytes` for an upload of `userId` to `requestId` if both quotas have room, in the
   * caller's transaction, under advisory locks of the request then the user (always in that
   * order: no deadlock), so parallel uploads are counted one after another. Drops the user's
   * lapsed rows first.
   */
  async reserve(
    m: EntityManager,
    r: { id: string; requestId: string; userId: string; bytes: number; now: Date; expiresAt: Date; requestQuota: number; userQuota: number },
  ): Promise<QuotaUse> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('file-quota:request:' || $1, 0)), pg_advisory_xact_lock(hashtextextended('file-quota:user:' || $2, 0))`, [r.requestId, r.userId]);
    await m.query(
      `DELETE FROM file_quota_reservations
        WHERE user_id = $1 AND ((committed_at IS NULL AND expires_at <= $2) OR committed_at <= $2::timestamptz - interval '24 hours')`,
      [r.userId, r.now],
    );
    const [row] = (await m.query(
      `WITH used AS (
         SELECT (SELECT coalesce(sum(size_bytes), 0) FROM evidence_items WHERE request_id = $1::uuid AND content_stored_at IS NOT NULL)
              + (SELECT coalesce(sum(size_bytes), 0) FROM request_attachments WHERE request_id = $1::uuid)
              + (SELECT coalesce(sum(bytes), 0) FROM file_quota_reservations WHERE request_id = $1::uuid AND committed_at IS NULL AND expires_at > $5::timestamptz) AS request_bytes,
                (SELECT coalesce(sum(bytes), 0) FROM file_quota_reservations WHERE user_id = $2::uuid) AS user_bytes
       ), ins AS (
         INSERT INTO file_quota_reservations (id, request_id, user_id, bytes, expires_at)
         SELECT $3::uuid, $1::uuid, $2::uuid, $4::bigint, $6::timestamptz FROM used
          WHERE request_bytes + $4::bigint <= $7::bigint AND user_bytes + $4::bigint <= $8::bigint
         RETURNING id
       )
       SELECT request_bytes::float8 AS "requestBytes", user_bytes::float8 AS "userBytes", (SELECT count(*) FROM ins)::int AS reserved FROM used`,
      [r.requestId, r.userId, r.id, r.bytes, r.now, r.expiresAt, r.requestQuota, r.userQuota],
    )) as { requestBytes: number; userBytes: number; reserved: number }[];
    return { requestBytes: row?.requestBytes ?? 0, userBytes: row?.userBytes ?? 0, reserved: row?.reserved === 1 };
  }

  /** The upload's file committed, in its transaction: it counts `bytes` for the user's day from now on. */
  async commit(m: EntityManager, id: string, bytes: number, now: Date): Promise<void> {
    await m.query(`UPDATE file_quota_reservations SET committed_at = $2, bytes = $3 WHERE id = $1`, [id, now, bytes]);
  }

  /** Gives back a reservation that did not commit (nothing happens to a committed one). */
  async release(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM file_quota_reservations WHERE id = $1 AND committed_at IS NULL`, [id]);
  }
}
