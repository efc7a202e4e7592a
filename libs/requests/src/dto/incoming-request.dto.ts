import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { IsIsoDate } from '@mla/core';
import { TransmissionDto } from './counterpart.dto';
import { CreateRequestDto } from './request-content.dto';

/**
 * A request received on paper from an OFFLINE authority (DESIGN §14): its content as
 * received, who sent it, which of this node's authorities it is addressed to, when it arrived
 * and how it travelled. The scan is attached next (kind CORRESPONDENCE).
 */
export class IncomingRequestDto extends CreateRequestDto {
  /** The OFFLINE authority that sent it. */
  @IsUUID()
  requestingAuthorityId: string;

  /** When it arrived (ISO 8601 date-time with Z or an offset); not in the future. */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsIsoDate(['zoned'])
  receivedAt: string;

  @ApiProperty({ type: TransmissionDto })
  @ValidateNested()
  @Type(() => TransmissionDto)
  transmission: TransmissionDto;
}
