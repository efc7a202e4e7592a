import { Injectable } from '@nestjs/common';
import type { Principal } from '@mla/identity';
import type { EvidenceItemDto, EvidenceListDto } from '../dto/evidence.dto';
import { RequestsService } from '../requests.service';
import { EvidenceRepository, EvidenceRow } from './evidence.repository';

@Injectable()
export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly requests: RequestsService,
  ) {}

  async list(p: Principal, requestId: string): Promise<EvidenceListDto> {
    await this.requests.readVisible(p, requestId, 'evidence');
    const rows = await this.evidence.list(requestId);
    return { items: rows.map(toEvidenceDto), nextCursor: null };
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
    contentStoredAt: r.contentStoredAt ? r.contentStoredAt.toISOString() : null,
    deliveredBy: r.deliveredBy,
    createdAt: r.createdAt.toISOString(),
  };
}
