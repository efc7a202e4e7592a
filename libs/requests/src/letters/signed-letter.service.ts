import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppConfig, AppException } from '@mla/core';
import type { Principal } from '@mla/identity';
import { FileStore, FileTooLarge } from '@mla/storage';
import { RequestCommands } from '../commands/request-commands';
import type { SignedLetterDto, SignedLetterQueryDto } from '../dto/signed-letter.dto';
import { FileQuota } from '../files/file-quota';

/**
 * The signed copy of the letter (DESIGN §4): the printed letter signed and stamped, scanned,
 * or the PDF signed with the officer's own token, uploaded by an officer of the sending side
 * while the request waits to be sent (`attach_signed_letter`), bound to the letter it signs by
 * that letter's SHA-256. Streamed, size-limited, counted in the quotas and kept only when its
 * bytes hash to the SHA-256 declared, as every document.
 */
@Injectable()
export class SignedLetterService {
  constructor(
    private readonly commands: RequestCommands,
    private readonly store: FileStore,
    private readonly config: AppConfig,
    private readonly quota: FileQuota,
  ) {}

  async upload(p: Principal, requestId: string, q: SignedLetterQueryDto, body: Readable, declaredLength: number | null, expectedVersion?: number): Promise<SignedLetterDto> {
    try {
      await this.commands.precheck(p, requestId, 'attach_signed_letter', expectedVersion);
      const max = this.config.EVIDENCE_MAX_BYTES;
      if (declaredLength !== null && declaredLength > max) throw tooLarge(max);
      const reservation = await this.quota.reserve(p.userId, requestId, declaredLength ?? max);
      const id = randomUUID();
      const mediaType = (q.mediaType ?? 'application/pdf').toLowerCase();
      let createdAt = '';
      let size = 0;
      let requestVersion = 0;
      try {
        await this.store.put({
          body,
          maxBytes: reservation.bytes,
          keep: async (file, m) => {
            if (file.sha256 !== q.sha256) {
              throw AppException.rule('The file does not match the SHA-256 declared', [{ field: 'sha256', message: `the ${file.size} bytes received hash to ${file.sha256}` }]);
            }
            const { event, row } = await this.commands.runIn(m, p, requestId, {
              name: 'attach_signed_letter',
              input: { attachmentId: id, language: q.language, fileName: q.fileName, mediaType, sizeBytes: file.size, sha256: file.sha256, contentRef: file.ref, letterSha256: q.letterSha256 },
            }, { expectedVersion });
            createdAt = event?.occurredAt ?? '';
            size = file.size;
            requestVersion = row.version;
            await reservation.commit(m, file.size);
          },
        });
      } catch (error) {
        if (error instanceof FileTooLarge) throw tooLarge(max);
        throw error;
      } finally {
        await reservation.release();
      }
      return { id, kind: 'LETTER_SIGNED', language: q.language, fileName: q.fileName, mediaType, sizeBytes: size, sha256: q.sha256, uploadedBy: p.userId, createdAt, letterSha256: q.letterSha256, requestVersion };
    } finally {
      if (!body.readableEnded) body.resume();
    }
  }
}

function tooLarge(max: number): AppException {
  return new AppException('PAYLOAD_TOO_LARGE', `The file is larger than the ${max} bytes a file may have`);
}
