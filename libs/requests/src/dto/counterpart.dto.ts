import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '@mla/core';
import { TRANSMISSION_CHANNELS, type TransmissionChannel } from '@mla/domain';

/** How a letter to (or from) an OFFLINE authority travelled (DESIGN §14). */
export class TransmissionDto {
  @ApiProperty({ enum: TRANSMISSION_CHANNELS })
  @IsIn(TRANSMISSION_CHANNELS)
  channel: TransmissionChannel;

  /** When it was dispatched (ISO 8601 date-time with Z or an offset); not in the future. */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsIsoDate(['zoned'])
  dispatchedAt: string;

  /** Its reference (the note verbale's number, the e-mail's subject…). */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  dispatchReference: string;
}

/** The counterpart's letter or e-mail an act is recorded from (DESIGN §14). */
export class RecordedFromDto {
  /** The date the letter bears (YYYY-MM-DD); not in the future. */
  @ApiProperty({ type: String, format: 'date' })
  @IsIsoDate(['date'])
  correspondenceDate: string;

  /** When it arrived (ISO 8601 date-time with Z or an offset); not in the future. */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsIsoDate(['zoned'])
  receivedAt: string;

  @ApiProperty({ enum: TRANSMISSION_CHANNELS })
  @IsIn(TRANSMISSION_CHANNELS)
  channel: TransmissionChannel;

  /** The letter's reference (its number and symbol). */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;

  /** Its scan: a CORRESPONDENCE document of this request. */
  @IsUUID()
  documentId: string;
}

/** One chaser (follow-up note) sent to the OFFLINE counterpart (DESIGN §14). */
export class ChaseDto {
  @ApiProperty({ enum: TRANSMISSION_CHANNELS })
  @IsIn(TRANSMISSION_CHANNELS)
  channel: TransmissionChannel;

  /** When it left (ISO 8601 date-time with Z or an offset); not in the future. */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsIsoDate(['zoned'])
  dispatchedAt: string;

  /** Its reference. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;
}
