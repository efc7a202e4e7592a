import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig, AppException } from '@mla/core';
import type { Principal } from '@mla/identity';
import { FileStore, FileTooLarge, type StoredFile } from '@mla/storage';
import { RequestCommands } from '../commands/request-commands';
import type { CommandInputs, CommandResult } from '../commands/command.types';
import { FileQuota } from './file-quota';

/** The commands that record a document uploaded to a request. */
export type DocumentCommand = 'attach' | 'attach_correspondence' | 'attach_signed_letter';

/** One streamed upload of a document: the file's body and what the command records of it. */
export interface DocumentUploadSpec<N extends DocumentCommand> {
  command: N;
  /** The SHA-256 the uploader declared: the file is kept only when its bytes hash to it. */
  sha256: string;
  body: Readable;
  /** The Content-Length sent (null: none). */
  declaredLength: number | null;
  expectedVersion?: number;
  /** The command's input, once the file is stored. */
  input: (file: StoredFile) => CommandInputs[N];
}

/**
 * A document's file uploaded to a request (a supporting document, a scan of correspondence,
 * the signed copy of the letter), one way for all: refused before a byte is read (the
 * command's checks of §9 without the lock: 404, 403, 412, 409; a Content-Length over the
 * size limit: 413), the quotas reserved for the length sent (without one, the most a file may
 * have), streamed into the file store, size-limited, and kept only when its bytes hash to the
 * SHA-256 declared: the file, its row and event (the command, run in the file's transaction)
 * commit together or not at all. The body is drained whatever happens.
 */
@Injectable()
export class DocumentUpload {
  constructor(
    private readonly commands: RequestCommands,
    private readonly store: FileStore,
    private readonly config: AppConfig,
    private readonly quota: FileQuota,
  ) {}

  /** Runs the upload; `allowed` refuses it first, if it must (before the command's own checks). */
  async upload<N extends DocumentCommand>(p: Principal, requestId: string, u: DocumentUploadSpec<N>, allowed?: () => void): Promise<{ result: CommandResult; file: StoredFile }> {
    try {
      allowed?.();
      await this.commands.precheck(p, requestId, u.command, u.expectedVersion);
      if (u.declaredLength !== null && u.declaredLength > this.config.EVIDENCE_MAX_BYTES) throw this.tooLarge(u.declaredLength);
      const reservation = await this.quota.reserve(p.userId, requestId, u.declaredLength ?? this.config.EVIDENCE_MAX_BYTES);
      let result: CommandResult | undefined;
      try {
        const file = await this.store.put({
          body: u.body,
          maxBytes: reservation.bytes,
          keep: async (stored, m) => {
            if (stored.sha256 !== u.sha256) {
              throw AppException.rule('The file does not match the SHA-256 declared', [{ field: 'sha256', message: `the ${stored.size} bytes received hash to ${stored.sha256}` }]);
            }
            result = await this.commands.runIn(m, p, requestId, { name: u.command, input: u.input(stored) }, { expectedVersion: u.expectedVersion });
            await reservation.commit(m, stored.size);
          },
        });
        return { result: result as CommandResult, file };
      } catch (error) {
        if (error instanceof FileTooLarge) throw this.tooLarge(null);
        throw error;
      } finally {
        await reservation.release();
      }
    } finally {
      if (!u.body.readableEnded) u.body.resume();
    }
  }

  private tooLarge(size: number | null): AppException {
    const what = size === null ? 'The file' : `A file of ${size} bytes`;
    return new AppException('PAYLOAD_TOO_LARGE', `${what} is larger than the ${this.config.EVIDENCE_MAX_BYTES} bytes a file may have`);
  }
}
