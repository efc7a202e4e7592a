import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';

export class ExtendDeadlineDto {
  /** The new due time (ISO 8601 date-time, or a date: end of that day for the ball holder). */
  @IsISO8601({ strict: true })
  dueAt: string;

  /** Why the deadline moves: recorded in the request's history. */
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  reason: string;
}
