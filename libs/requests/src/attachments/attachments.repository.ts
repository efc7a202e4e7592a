import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';
import type { SupportingDocumentKind } from '@mla/domain';

/** A supporting document of a request: its file in the file store, named by the store's reference. */
export interface AttachmentRow {
  id: string;
  requestId: string;
  kind: SupportingDocumentKind;
  language: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  contentRef: string;
  uploadedBy: string;
  /** The seq of its `attach` event: documents are listed in that order. */
  eventSeq: number;
  createdAt: Date;
}

export type NewAttachment = Omit<AttachmentRow, 'createdAt'>;

const COLUMNS = `a.id, a.request_id AS "requestId", a.kind, a.language, a.file_name AS "fileName", a.media_type AS "mediaType",
  a.size_bytes::float8 AS "sizeBytes", a.sha256, a.content_ref AS "contentRef", a.uploaded_by AS "uploadedBy", a.event_seq AS "eventSeq", a.created_at AS "createdAt"`;

/** The SQL of supporting documents: written only in the statement of `attach` / `remove_attachment`. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The request's documents in the order they were attached. */
  async forRequest(requestId: string, m?: EntityManager): Promise<AttachmentRow[]> {
    return (await (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM request_attachments a WHERE a.request_id = $1 ORDER BY a.event_seq`, [
      requestId,
    ])) as AttachmentRow[];
  }

  async find(requestId: string, id: string, m?: EntityManager): Promise<AttachmentRow | null> {
    const rows = (await (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM request_attachments a WHERE a.request_id = $1 AND a.id = $2`, [
      requestId,
      id,
    ])) as AttachmentRow[];
    return rows[0] ?? null;
  }

  /** The document of this request with this SHA-256, if one is attached (a retried upload). */
  async findBySha256(m: EntityManager, requestId: string, sha256: string): Promise<AttachmentRow | null> {
    const rows = (await m.query(`SELECT ${COLUMNS} FROM request_attachments a WHERE a.request_id = $1 AND a.sha256 = $2`, [requestId, sha256])) as AttachmentRow[];
    return rows[0] ?? null;
  }

  insertStatement(a: NewAttachment, at: Date, p: SqlParams): string {
    const values = [a.id, a.requestId, a.kind, a.language, a.fileName, a.mediaType, a.sizeBytes, a.sha256, a.contentRef, a.uploadedBy, a.eventSeq, at].map((v) => p.add(v));
    return `INSERT INTO request_attachments (id, request_id, kind, language, file_name, media_type, size_bytes, sha256, content_ref, uploaded_by, event_seq, created_at)
      VALUES (${values.join(', ')})`;
  }

  /** Deletes every document of a request (a deleted draft), in the caller's transaction; answers their files' references. */
  async deleteAllOf(m: EntityManager, requestId: string): Promise<string[]> {
    const [rows] = (await m.query(`DELETE FROM request_attachments WHERE request_id = $1 RETURNING content_ref AS "contentRef"`, [requestId])) as [{ contentRef: string }[], number];
    return rows.map((r) => r.contentRef);
  }

  deleteStatement(id: string, p: SqlParams): string {
    return `DELETE FROM request_attachments WHERE id = ${p.add(id)}`;
  }
}
