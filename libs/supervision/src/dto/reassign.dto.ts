import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class ReassignDto {
  /** An OFFICER of the request's requested authority. */
  @IsUUID()
  assigneeId: string;

  /** Why the request changes hands: recorded in the request's history. */
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  reason: string;
}
