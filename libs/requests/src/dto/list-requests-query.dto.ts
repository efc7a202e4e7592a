import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@mla/core';
import { PRIORITIES, Priority, REQUEST_STATES, REQUEST_TYPES, RequestState, RequestType } from '@mla/domain';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : value;
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListRequestsQueryDto extends PageQueryDto {
  /** One state or several, comma-separated. */
  @ApiPropertyOptional({ enum: REQUEST_STATES, isArray: true, description: 'comma-separated' })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(12)
  @IsIn(REQUEST_STATES, { each: true })
  state?: RequestState[];

  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptional()
  @IsIn(REQUEST_TYPES)
  type?: RequestType;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  /** incoming: addressed to my country; outgoing: sent by my country. */
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'] })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';

  /** The other country (ISO 3166-1 alpha-2). */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'counterpartCountry must be an ISO 3166-1 alpha-2 code such as SG' })
  counterpartCountry?: string;

  /** true: only requests with a deadline past due and unmet. */
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  /** Searches the reference, and the title of a request that is not confidential (a confidential one's title is not shown in lists). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
