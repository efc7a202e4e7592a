import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVIDENCE_KINDS, EVIDENCE_TRANSFERS } from '@mla/domain';

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
  /** How its bytes travel: uploaded here, or out of band (a disk by courier; recorded by hash and medium). */
  @ApiProperty({ enum: EVIDENCE_TRANSFERS })
  transfer: string;
  /** OUT_OF_BAND: how it travels. */
  @ApiPropertyOptional({ nullable: true, type: String })
  medium: string | null;
  /** The file's name (its download is named after it). */
  @ApiPropertyOptional({ nullable: true, type: String })
  fileName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  mediaType: string | null;
  /** When the file itself was stored (hash verified); null when only declared. */
  @ApiPropertyOptional({ nullable: true, type: String })
  contentStoredAt: string | null;
  /** An item to be uploaded whose file is not stored yet (and not superseded): the officer uploads it (again); a final delivery waits for it. */
  fileMissing: boolean;
  /** The user who delivered it; null for an item a PEER authority delivered on its node (DESIGN §15). */
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  deliveredBy: string | null;
  createdAt: string;
}

export class EvidenceListDto {
  @ApiProperty({ type: [EvidenceItemDto] })
  items: EvidenceItemDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}
