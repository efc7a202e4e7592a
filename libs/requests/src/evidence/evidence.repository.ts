import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';
import type { EvidenceTransfer } from '@mla/domain';
import type { MissingFile } from '../domain/actions/action-ports';
import type { CustodyEntry } from '../domain/request-content';

export interface EvidenceRow {
  id: string;
  requestId: string;
  deliveryNo: number;
  itemNo: number;
  description: string;
  kind: string;
  sha256: string | null;
  sizeBytes: string | null;
  supersedesId: string | null;
  supersededById: string | null;
  custody: CustodyEntry[];
  /** How its bytes travel: uploaded here, or out of band (recorded by hash and medium). */
  transfer: EvidenceTransfer;
  medium: string | null;
  fileName: string | null;
  mediaType: string | null;
  contentStoredAt: Date | null;
  /** The file store's reference of its file (null for a file stored on disk before references). */
  contentRef: string | null;
  deliveredBy: string | null;
  createdAt: Date;
}

export interface NewEvidenceItem {
  description: string;
  kind: string;
  sha256: string | null;
  sizeBytes: number | null;
  supersedesId: string | null;
  custody: CustodyEntry[];
  transfer: EvidenceTransfer;
  medium: string | null;
  fileName: string | null;
  mediaType: string | null;
}

@Injectable()
export class EvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `INSERT INTO evidence_items …` of one delivery's items, its parameters added to `p` (run in the action's statement). */
  insertDeliveryStatement(requestId: string, deliveryNo: number, items: NewEvidenceItem[], deliveredBy: string | null, at: Date, p: SqlParams): string {
    const fixed = [requestId, deliveryNo].map((v) => p.add(v));
    const tail = [deliveredBy, at].map((v) => p.add(v));
    const values = items.map((item, i) => {
      const own = [
        i + 1, item.description, item.kind, item.sha256, item.sizeBytes, item.supersedesId, JSON.stringify(item.custody), item.transfer, item.medium, item.fileName, item.mediaType,
      ].map((v) => p.add(v));
      return `(${[...fixed, ...own, ...tail].join(', ')})`;
    });
    return `INSERT INTO evidence_items (request_id, delivery_no, item_no, description, kind, sha256, size_bytes, supersedes_id, custody, transfer, medium, file_name, media_type, delivered_by, created_at)
       VALUES ${values.join(', ')}`;
  }

  /** Which of these ids are items of this request. */
  async existingIds(m: EntityManager, requestId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await m.query(`SELECT id FROM evidence_items WHERE request_id = $1 AND id = ANY($2::uuid[])`, [requestId, ids])) as {
      id: string;
    }[];
    return new Set(rows.map((r) => r.id));
  }

  /** The request's items to be uploaded whose file is not stored, and that no later item supersedes (read in the action's transaction). */
  missingFiles(m: EntityManager, requestId: string): Promise<MissingFile[]> {
    return m.query(
      `SELECT e.id, e.delivery_no AS "deliveryNo", e.item_no AS "itemNo", e.description
       FROM evidence_items e
       WHERE e.request_id = $1 AND e.transfer = 'UPLOAD' AND e.content_stored_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM evidence_items s WHERE s.supersedes_id = e.id)
       ORDER BY e.delivery_no, e.item_no`,
      [requestId],
    ) as Promise<MissingFile[]>;
  }

  list(requestId: string, itemId?: string): Promise<EvidenceRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.request_id AS "requestId", e.delivery_no AS "deliveryNo", e.item_no AS "itemNo", e.description, e.kind,
              e.sha256, e.size_bytes AS "sizeBytes", e.supersedes_id AS "supersedesId",
              (SELECT s.id FROM evidence_items s WHERE s.supersedes_id = e.id ORDER BY s.created_at LIMIT 1) AS "supersededById",
              e.custody, e.transfer, e.medium, e.file_name AS "fileName", e.media_type AS "mediaType", e.content_stored_at AS "contentStoredAt", e.content_ref AS "contentRef", e.delivered_by AS "deliveredBy", e.created_at AS "createdAt"
       FROM evidence_items e WHERE e.request_id = $1 ${itemId ? 'AND e.id = $2' : ''} ORDER BY e.delivery_no, e.item_no`,
      itemId ? [requestId, itemId] : [requestId],
    ) as Promise<EvidenceRow[]>;
  }

  async findItem(requestId: string, itemId: string): Promise<EvidenceRow | null> {
    return (await this.list(requestId, itemId))[0] ?? null;
  }

  /** Records that the item's file is stored, and where (the only change the database allows on an item), in the upload's transaction. */
  async markStored(m: EntityManager, itemId: string, ref: string, at: Date): Promise<boolean> {
    const [, count] = (await m.query(
      `UPDATE evidence_items SET content_stored_at = $2, content_ref = $3 WHERE id = $1 AND content_stored_at IS NULL`,
      [itemId, at, ref],
    )) as [unknown[], number];
    return count > 0;
  }
}
