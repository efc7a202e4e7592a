import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppConfig, AppException, Clock, TransactionRunner } from '@mla/core';
import { FileQuotaRepository } from './file-quota.repository';

/** Room taken for one upload: committed with its file, or given back. */
export interface QuotaReservation {
  readonly bytes: number;
  /** In the upload's transaction, with its file's row. */
  commit(m: EntityManager, size: number): Promise<void>;
  /** After the upload, whatever its outcome: gives the room back unless its file committed. */
  release(): Promise<void>;
}

/**
 * The storage quotas, reserved before a byte is streamed (issue 22 item 7): a request's
 * files together stay within FILE_QUOTA_PER_REQUEST_BYTES, and one user uploads at most
 * FILE_QUOTA_PER_USER_BYTES in 24 hours, over all requests. A reservation is taken in a
 * short transaction of its own under the request's and the user's advisory locks, so
 * parallel uploads are counted one after another; it lapses after HTTP_REQUEST_TIMEOUT_MS
 * (a process killed in mid-upload never gives it back).
 */
@Injectable()
export class FileQuota {
  constructor(
    private readonly repository: FileQuotaRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Reserves `bytes` or answers 413 PAYLOAD_TOO_LARGE naming the quota that has no room. */
  async reserve(userId: string, requestId: string, bytes: number): Promise<QuotaReservation> {
    const id = randomUUID();
    const now = this.clock.now();
    const requestQuota = this.config.FILE_QUOTA_PER_REQUEST_BYTES;
    const userQuota = this.config.FILE_QUOTA_PER_USER_BYTES;
    const use = await this.tx.run((m) =>
      this.repository.reserve(m, { id, requestId, userId, bytes, now, expiresAt: new Date(now.getTime() + this.config.HTTP_REQUEST_TIMEOUT_MS), requestQuota, userQuota }),
    );
    if (!use.reserved) {
      if (use.requestBytes + bytes > requestQuota) {
        throw new AppException('PAYLOAD_TOO_LARGE', `${bytes} more bytes would pass this request's quota: it stores or is receiving ${use.requestBytes} of ${requestQuota} bytes`);
      }
      throw new AppException('PAYLOAD_TOO_LARGE', `${bytes} more bytes would pass your quota: you have uploaded ${use.userBytes} of the ${userQuota} bytes one user may upload in 24 hours`);
    }
    return {
      bytes,
      commit: (m, size) => this.repository.commit(m, id, size, this.clock.now()),
      // A no-op once committed (the row's commit is the truth, not this object's).
      release: () => this.tx.run((m) => this.repository.release(m, id)),
    };
  }
}
