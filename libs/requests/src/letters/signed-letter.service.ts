import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Principal } from '@mla/identity';
import type { SignedLetterDto, SignedLetterQueryDto } from '../dto/signed-letter.dto';
import { DocumentUpload } from '../files/document-upload';

/**
 * The signed copy of the letter (DESIGN §4): the printed letter signed and stamped, scanned,
 * or the PDF signed with the officer's own token, uploaded by an officer of the sending side
 * while the request waits to be sent (`attach_signed_letter`), bound to the letter it signs by
 * that letter's SHA-256. Streamed, size-limited, counted in the quotas and kept only when its
 * bytes hash to the SHA-256 declared, as every document (DocumentUpload).
 */
@Injectable()
export class SignedLetterService {
  constructor(private readonly documents: DocumentUpload) {}

  async upload(p: Principal, requestId: string, q: SignedLetterQueryDto, body: Readable, declaredLength: number | null, expectedVersion?: number): Promise<SignedLetterDto> {
    const id = randomUUID();
    const mediaType = (q.mediaType ?? 'application/pdf').toLowerCase();
    const { result, file } = await this.documents.upload(p, requestId, {
      command: 'attach_signed_letter',
      sha256: q.sha256,
      body,
      declaredLength,
      expectedVersion,
      input: (stored) => ({ attachmentId: id, language: q.language, fileName: q.fileName, mediaType, sizeBytes: stored.size, sha256: stored.sha256, contentRef: stored.ref, letterSha256: q.letterSha256 }),
    });
    return {
      id, kind: 'LETTER_SIGNED', language: q.language, fileName: q.fileName, mediaType, sizeBytes: file.size, sha256: q.sha256, uploadedBy: p.userId,
      createdAt: result.event?.occurredAt ?? '', letterSha256: q.letterSha256, requestVersion: result.row.version,
    };
  }
}
