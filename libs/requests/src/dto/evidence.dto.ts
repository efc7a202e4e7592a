import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVIDENCE_KINDS } from '@mla/domain';

export class CustodyEntryViewDto {
  from: string;
  to: string;
  at: string;
  @ApiPropertyOptional({ type: String })
  note?: string;
}

export class EvidenceItemDto {
  id: string;
  /** The delivery this item came in (1, 2, …). */
  deliveryNo: number;
  /** Its position within the delivery. */
  itemNo: number;
  description: string;
  @ApiProperty({ enum: EVIDENCE_KINDS })
  kind: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  sha256: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number })
  sizeBytes: number | null;
  /** The item this one corrects. */
  @ApiPropertyOptional({ nullable: true, type: String })
  supersedesId: string | null;
  /** The item that corrects this one, if any. */
  @ApiPropertyOptional({ nullable: true, type: String })
  supersededById: string | null;
  @ApiProperty({ type: [CustodyEntryViewDto] })
  custody: CustodyEntryViewDto[];
  /** When the file itself was stored (hash verified); null when only declared. */
  @ApiPropertyOptional({ nullable: true, type: String })
  contentStoredAt: string | null;
  deliveredBy: string;
  createdAt: string;
}

export class EvidenceListDto {
  @ApiProperty({ type: [EvidenceItemDto] })
  items: EvidenceItemDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}
