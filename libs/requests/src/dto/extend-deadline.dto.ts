import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '@mla/core';

export class ExtendDeadlineDto {
  /** The new due time (ISO 8601 date-time with Z or an offset, or a date YYYY-MM-DD: end of that day for the ball holder). */
  @IsIsoDate(['date', 'zoned'])
  dueAt: string;

  /** Why the deadline moves: recorded in the request's history. */
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  reason: string;
}
