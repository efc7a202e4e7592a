import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppConfig, AppException, Clock } from '@mla/core';
import type { Principal } from '@mla/identity';
import { RequestsService } from '../requests.service';
import { EvidenceRepository, EvidenceRow } from './evidence.repository';

class TooLarge extends Error {}

/**
 * The file of a digital evidence item (DESIGN §6): streamed to the configured storage,
 * size-limited, and kept only when its SHA-256 and size match what was declared on delivery.
 * Stored once; never replaced (a correction is a new item).
 */
@Injectable()
export class EvidenceContentService {
  constructor(
    private readonly requests: RequestsService,
    private readonly evidence: EvidenceRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
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
      const dir = this.config.EVIDENCE_STORAGE_DIR;
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.upload-${randomUUID()}`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > declared) return done(new TooLarge());
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, meter, createWriteStream(temp));
      } catch (error) {
        await rm(temp, { force: true });
        if (error instanceof TooLarge) throw AppException.rule(`The file is larger than the ${declared} bytes declared`, [{ field: 'body', message: 'size mismatch' }]);
        throw error;
      }
      const sha256 = hash.digest('hex');
      if (size !== declared || sha256 !== item.sha256) {
        await rm(temp, { force: true });
        throw AppException.rule('The file does not match the SHA-256 and size declared on delivery', [
          { field: 'body', message: `got ${size} bytes with SHA-256 ${sha256}` },
        ]);
      }
      await rename(temp, this.pathOf(itemId));
      if (!(await this.evidence.markStored(itemId, this.clock.now()))) {
        throw new AppException('CONFLICT', 'This item already has its file; a correction is a new item');
      }
      return (await this.evidence.findItem(requestId, itemId)) as EvidenceRow;
    } finally {
      if (!body.readableEnded) body.resume();
    }
  }

  /** The stored file, for anyone who may see the request. */
  async download(p: Principal, requestId: string, itemId: string): Promise<{ stream: Readable; size: number; sha256: string }> {
    await this.requests.visibleRow(p, requestId);
    const item = await this.evidence.findItem(requestId, itemId);
    if (!item) throw AppException.notFound('Evidence item');
    if (!item.contentStoredAt) throw AppException.notFound('Evidence file');
    const path = this.pathOf(itemId);
    const { size } = await stat(path);
    return { stream: createReadStream(path), size, sha256: item.sha256 as string };
  }

  private pathOf(itemId: string): string {
    return join(this.config.EVIDENCE_STORAGE_DIR, itemId);
  }
}
