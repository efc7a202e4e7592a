import { IsOptional, IsString, MaxLength } from 'class-validator';

export class OffenceDto {
  /** What the offence is. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  /** The provision of law, e.g. "Penal Code art. 287". */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  provision?: string | null;
}
