import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_KINDS } from './access-log.repository';

export class AccessReaderDto {
  id: string;
  email: string;
  role: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  authorityId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  authorityCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  country: string | null;
}

/** One read of a confidential request. */
export class AccessEntryDto {
  id: string;
  /** When (ISO 8601). */
  at: string;
  user: AccessReaderDto;
  /** What was read. */
  @ApiProperty({ enum: ACCESS_KINDS })
  what: string;
  /** Which item, file or language, where the read names one. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  detail: Record<string, unknown>;
}

export class AccessLogDto {
  @ApiProperty({ type: [AccessEntryDto] })
  items: AccessEntryDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}
