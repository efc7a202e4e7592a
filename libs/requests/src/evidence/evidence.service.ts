import { Injectable } from '@nestjs/common';
import type { Principal } from '@mla/identity';
import type { EvidenceItemDto, EvidenceListDto } from '../dto/evidence.dto';
import { contentEtag, matchesIfNoneMatch, type ConditionalAnswer } from '../http/conditional-read';
import { RequestReader } from '../reading/request-reader';
import { EvidenceRepository, EvidenceRow } from './evidence.repository';

@Injectable()
export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly requests: RequestReader,
  ) {}

  /** The delivered items; a 304 (no access-log row) when they are as in the caller's copy (`If-None-Match`). */
  async list(p: Principal, requestId: string, ifNoneMatch?: string | string[]): Promise<ConditionalAnswer<EvidenceListDto>> {
    const row = await this.requests.visibleRow(p, requestId);
    const body = { items: (await this.evidence.list(requestId)).map(toEvidenceDto), nextCursor: null };
    // A stored file changes an item without a new version of the request: the tag is the answer's own.
    const etag = contentEtag(body);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, notModified: true };
    await this.requests.recordRead(p, row, 'evidence');
    return { etag, notModified: false, body };
  }
}

export function toEvidenceDto(r: EvidenceRow): EvidenceItemDto {
  return {
    id: r.id,
    deliveryNo: r.deliveryNo,
    itemNo: r.itemNo,
    description: r.description,
    kind: r.kind,
    sha256: r.sha256,
    sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
    supersedesId: r.supersedesId,
    supersededById: r.supersededById,
    custody: r.custody,
    transfer: r.transfer,
    medium: r.medium,
    fileName: r.fileName,
    mediaType: r.mediaType,
    contentStoredAt: r.contentStoredAt ? r.contentStoredAt.toISOString() : null,
    fileMissing: r.transfer === 'UPLOAD' && !r.contentStoredAt && !r.supersededById,
    deliveredBy: r.deliveredBy,
    createdAt: r.createdAt.toISOString(),
  };
}
