import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig, AppException, Clock } from '@mla/core';
import type { Principal } from '@mla/identity';
import { FileStore, FileTooLarge } from '@mla/storage';
import { FileQuota } from '../files/file-quota';
import { RequestReader } from '../reading/request-reader';
import { EvidenceRepository, EvidenceRow } from './evidence.repository';

/**
 * The file of a digital evidence item (DESIGN §6): streamed into the file store (PostgreSQL
 * by default: any replica serves it), size-limited, bounded by the quotas reserved before it
 * streams (the request's and the uploader's, FileQuota), and kept
 * only when its SHA-256 and size match what was declared on delivery — the file and the
 * item's record commit together or not at all. Stored once; never replaced (a correction is
 * a new item).
 */
@Injectable()
export class EvidenceContentService {
  constructor(
    private readonly requests: RequestReader,
    private readonly evidence: EvidenceRepository,
    private readonly store: FileStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly quota: FileQuota,
  ) {}

  async upload(p: Principal, requestId: string, itemId: string, body: Readable): Promise<EvidenceRow> {
    try {
      const row = await this.requests.visibleRow(p, requestId);
      if (p.role !== 'OFFICER' || p.authorityId !== row.requestedAuthorityId) {
        throw AppException.forbidden('Only an officer of the requested authority uploads the evidence it delivered');
      }
      const item = await this.evidence.findItem(requestId, itemId);
      if (!item) throw AppException.notFound('Evidence item');
      if (item.contentStoredAt) throw new AppException('CONFLICT', 'This item already has its file; a correction is a new item');
      if (!item.sha256 || item.sizeBytes === null) {
        throw AppException.rule('Only an item delivered with its SHA-256 and size can receive a file', [{ field: 'sha256', message: 'was not declared' }]);
      }
      const declared = Number(item.sizeBytes);
      if (declared > this.config.EVIDENCE_MAX_BYTES) {
        throw new AppException('PAYLOAD_TOO_LARGE', `Files over ${this.config.EVIDENCE_MAX_BYTES} bytes are not stored here`);
      }
      // The quotas (request, user) reserved before a byte is read: parallel uploads never pass them together.
      const reservation = await this.quota.reserve(p.userId, requestId, declared);
      try {
        await this.store.put({
          body,
          maxBytes: declared,
          keep: async (file, m) => {
            if (file.size !== declared || file.sha256 !== item.sha256) {
              throw AppException.rule('The file does not match the SHA-256 and size declared on delivery', [
                { field: 'body', message: `got ${file.size} bytes with SHA-256 ${file.sha256}` },
              ]);
            }
            if (!(await this.evidence.markStored(m, itemId, file.ref, this.clock.now()))) {
              throw new AppException('CONFLICT', 'This item already has its file; a correction is a new item');
            }
            await reservation.commit(m, file.size);
          },
        });
      } catch (error) {
        if (error instanceof FileTooLarge) throw AppException.rule(`The file is larger than the ${declared} bytes declared`, [{ field: 'body', message: 'size mismatch' }]);
        throw error;
      } finally {
        await reservation.release();
      }
      return (await this.evidence.findItem(requestId, itemId)) as EvidenceRow;
    } finally {
      if (!body.readableEnded) body.resume();
    }
  }

  /** The stored file, for anyone who may see the request, streamed from the store. */
  async download(p: Principal, requestId: string, itemId: string): Promise<{ stream: Readable; size: number; sha256: string; fileName: string | null; fallbackName: string }> {
    await this.requests.readVisible(p, requestId, 'evidence_file', { itemId });
    const item = await this.evidence.findItem(requestId, itemId);
    if (!item) throw AppException.notFound('Evidence item');
    if (!item.contentStoredAt) throw AppException.notFound('Evidence file');
    const stream = await this.store.get(item.contentRef ?? item.id);
    const fallbackName = `evidence-${item.deliveryNo}-${item.itemNo}.bin`;
    return { stream, size: Number(item.sizeBytes), sha256: item.sha256 as string, fileName: item.fileName, fallbackName };
  }
}
