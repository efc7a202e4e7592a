import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { FederationTransmissionDto } from './transmission.dto';

/** The states of a message to a peer that no receipt answered yet (PENDING) or that was given up (DEAD). */
export const UNDELIVERED_STATES = ['PENDING', 'DEAD'] as const;
export type UndeliveredState = (typeof UNDELIVERED_STATES)[number];

export class ListUndeliveredQueryDto {
  @ApiProperty({ enum: UNDELIVERED_STATES })
  @IsIn(UNDELIVERED_STATES)
  state: UndeliveredState;
}

/** A message of this node to a peer, with the request it belongs to (its id only: an ADMIN never sees requests). */
export class FederationMessageDto extends FederationTransmissionDto {
  @ApiProperty({ format: 'uuid' })
  requestId: string;
}

export class FederationMessageListDto {
  /** Newest first, at most 200. */
  @ApiProperty({ type: [FederationMessageDto] })
  items: FederationMessageDto[];
}
