import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppException, TransactionRunner } from '@mla/core';
import type { Principal } from '@mla/identity';
import { FileStore } from '@mla/storage';
import { RequestCommands } from '../commands/request-commands';
import { matchesIfNoneMatch, type ConditionalAnswer } from '../http/conditional-read';
import type { AttachmentDto, AttachQueryDto } from '../dto/attachment.dto';
import { DocumentUpload } from '../files/document-upload';
import { RequestReader } from '../reading/request-reader';
import { AttachmentRow, AttachmentsRepository } from './attachments.repository';

/**
 * The supporting documents of a request (issue 13): attached and removed while it is a DRAFT
 * by a prosecutor of its requesting authority, through the one write path (`attach`,
 * `remove_attachment`: events of its chain); frozen from `submit` on; seen by the requested
 * side from `send` on, as the rest of the request. A file is streamed into the file store,
 * size-limited, counted in the quotas reserved before it streams (FileQuota: the request's,
 * with its evidence files, and the uploader's), and kept only when
 * its bytes hash to the SHA-256 declared: file, row and event commit together or not at all
 * (DocumentUpload, as every document).
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly requests: RequestReader,
    private readonly commands: RequestCommands,
    private readonly attachments: AttachmentsRepository,
    private readonly store: FileStore,
    private readonly tx: TransactionRunner,
    private readonly documents: DocumentUpload,
  ) {}

  async attach(p: Principal, requestId: string, q: AttachQueryDto, body: Readable, declaredLength: number | null, expectedVersion?: number): Promise<AttachmentDto> {
    // Refused before a byte is read: 404, 403, 412, 409 (the command checks them again under the lock).
    // A scan of correspondence with an OFFLINE counterpart is attached by this side's officers in any non-terminal state (DESIGN §14).
    const command = q.kind === 'CORRESPONDENCE' ? 'attach_correspondence' : 'attach';
    const id = randomUUID();
    await this.documents.upload(
      p,
      requestId,
      {
        command,
        sha256: q.sha256,
        body,
        declaredLength,
        expectedVersion,
        input: (file) => ({
          attachmentId: id,
          kind: q.kind,
          language: q.language,
          fileName: q.fileName,
          mediaType: (q.mediaType ?? 'application/octet-stream').toLowerCase(),
          sizeBytes: file.size,
          sha256: file.sha256,
          contentRef: file.ref,
        }),
      },
      () => {
        // A draft's documents are a prosecutor's (the route also lets officers in, for correspondence only).
        if (command === 'attach' && p.role !== 'PROSECUTOR') throw AppException.forbidden('Only a prosecutor of the requesting authority attaches documents to a draft');
      },
    );
    return toAttachmentDto((await this.attachments.find(requestId, id)) as AttachmentRow);
  }

  /**
   * Removes a document of a draft, its file last in the same transaction (PostgreSQL: with its
   * row; on disk: once the row and event are written); answers the request's new version.
   */
  async remove(p: Principal, requestId: string, attachmentId: string, expectedVersion?: number): Promise<number> {
    return this.tx.run(async (m) => {
      const found = await this.attachments.find(requestId, attachmentId, m);
      const { row } = await this.commands.runIn(m, p, requestId, { name: 'remove_attachment', input: { attachmentId } }, { expectedVersion });
      if (found) await this.store.remove(found.contentRef, m);
      return row.version;
    });
  }

  /**
   * Deletes a draft (the `delete` command) with its documents: their rows and files go in the
   * command's transaction, read under its lock so that no attach slips in between (PostgreSQL:
   * the large objects with the rows; on disk: once the rows and the event are written).
   */
  async deleteDraft(p: Principal, requestId: string, expectedVersion?: number): Promise<void> {
    await this.tx.run(async (m) => {
      await this.commands.runIn(m, p, requestId, { name: 'delete', input: {} }, { expectedVersion });
      for (const ref of await this.attachments.deleteAllOf(m, requestId)) await this.store.remove(ref, m);
    });
  }

  /** The request's documents; a 304 (no access-log row) when the caller holds this version (`If-None-Match`): only attach and remove change them, each a new version. */
  async list(p: Principal, requestId: string, ifNoneMatch?: string | string[]): Promise<ConditionalAnswer<AttachmentDto[]>> {
    const row = await this.requests.visibleRow(p, requestId);
    const etag = `W/"documents-${row.version}"`;
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, notModified: true };
    await this.requests.recordRead(p, row, 'attachments');
    return { etag, notModified: false, body: (await this.attachments.forRequest(requestId)).map(toAttachmentDto) };
  }

  /** A document's file, for anyone who may see the request, streamed from the store. */
  async download(p: Principal, requestId: string, attachmentId: string): Promise<{ row: AttachmentRow; stream: Readable }> {
    await this.requests.readVisible(p, requestId, 'attachment_file', { attachmentId });
    const row = await this.attachments.find(requestId, attachmentId);
    if (!row) throw AppException.notFound('Supporting document');
    return { row, stream: await this.store.get(row.contentRef) };
  }
}

export function toAttachmentDto(r: AttachmentRow): AttachmentDto {
  return {
    id: r.id,
    kind: r.kind,
    language: r.language,
    fileName: r.fileName,
    mediaType: r.mediaType,
    sizeBytes: Number(r.sizeBytes),
    sha256: r.sha256,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt.toISOString(),
  };
}
