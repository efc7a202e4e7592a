import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class CountryCodeParamsDto {
  /** ISO 3166-1 alpha-2 code of the country, e.g. VN. */
  @Matches(/^[A-Za-z]{2}$/, { message: 'code must be an ISO 3166-1 alpha-2 code such as VN' })
  code: string;
}

export class CalendarYearParamsDto extends CountryCodeParamsDto {
  /** The calendar year, e.g. 2027. */
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2027' })
  @Min(1900, { message: 'year must be 1900 or later' })
  @Max(2199, { message: 'year must be 2199 or earlier' })
  year: number;
}

/** A day, or a range of days, as an admin sends it: `date`, or `from` and `to` (at most 31 days), with its source. */
export class CalendarEntryInputDto {
  /** One local date, YYYY-MM-DD. */
  @ApiPropertyOptional({ format: 'date', example: '2027-02-08' })
  date?: string;
  /** First day of a range, YYYY-MM-DD. */
  @ApiPropertyOptional({ format: 'date' })
  from?: string;
  /** Last day of a range (inclusive), YYYY-MM-DD. */
  @ApiPropertyOptional({ format: 'date' })
  to?: string;
  @ApiPropertyOptional({ example: 'Tết Nguyên đán' })
  name?: string;
  /** The announcement or law, with its URL (at least 5 characters). */
  @ApiProperty({ example: 'Văn phòng Chính phủ, thông báo số … (URL)' })
  source: string;
}

/**
 * A year's announced schedule: the days that are not working days, and the Saturdays or
 * Sundays worked instead (make-up days). The same rules as the countries' calendar file.
 */
export class SetCalendarYearDto {
  @ApiPropertyOptional({ type: [CalendarEntryInputDto], maxItems: 366 })
  nonWorkingDays?: CalendarEntryInputDto[];
  @ApiPropertyOptional({ type: [CalendarEntryInputDto], maxItems: 366 })
  makeUpWorkingDays?: CalendarEntryInputDto[];
}

/** A day or a range of days of a schedule, as stored: `from` equals `to` for one day. */
export class CalendarEntryDto {
  @ApiProperty({ format: 'date' })
  from: string;
  @ApiProperty({ format: 'date' })
  to: string;
  name?: string;
  source: string;
}

/** Whether the deadlines the change moves were recomputed when it answered, or are still to be (the sweeps finish them). */
export const RECOMPUTATION_STATES = ['DONE', 'PENDING'] as const;

export class CalendarYearDto {
  /** ISO 3166-1 alpha-2. */
  country: string;
  year: number;
  /** FILE: the countries' calendar file; ADMIN: set through the API, over the file's. */
  @ApiProperty({ enum: ['FILE', 'ADMIN'] })
  origin: 'FILE' | 'ADMIN';
  /** ADMIN: the version of the setting (1 the first time). */
  version?: number;
  @ApiPropertyOptional({ format: 'date-time' })
  setAt?: string;
  /** ADMIN: the admin who set it. */
  setBy?: string;
  @ApiProperty({ type: [CalendarEntryDto] })
  nonWorkingDays: CalendarEntryDto[];
  @ApiProperty({ type: [CalendarEntryDto] })
  makeUpWorkingDays: CalendarEntryDto[];
}

export class SetCalendarYearResultDto extends CalendarYearDto {
  /** False when the schedule sent is the one in force already (nothing recorded). */
  changed: boolean;
  @ApiProperty({ enum: RECOMPUTATION_STATES })
  recomputation: (typeof RECOMPUTATION_STATES)[number];
}

export class CountryCalendarDto {
  country: string;
  /** Every year with an announced schedule, the one in force for each (an admin's over the file's). */
  @ApiProperty({ type: [CalendarYearDto] })
  years: CalendarYearDto[];
}
