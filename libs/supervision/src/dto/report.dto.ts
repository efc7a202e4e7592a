import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class ReportQueryDto {
  /** The calendar year (YYYY, 1970-9999), from 1 January to 31 December in your authority's time zone. */
  @ApiProperty({ example: '2026', pattern: '^[0-9]{4}$' })
  @IsString()
  @Matches(/^(19[7-9][0-9]|[2-9][0-9]{3})$/, { message: 'year must be a year of four digits between 1970 and 9999, such as 2026' })
  year: string;
}

/** Requests of one counterpart country and type (or the direction's total: ALL, ALL), by outcome. */
export class ReportRowDto {
  /** The counterpart country, or ALL. */
  country: string;
  /** The request type, or ALL. */
  type: string;
  /** Requests sent in the year (created in it and sent; drafts never count). */
  requests: number;
  /** Of them, executed: the final evidence delivered (whatever they became afterwards). */
  executed: number;
  /** By their state today: refused, withdrawn, expired, closed, still open (these five add up to `requests`). */
  refused: number;
  withdrawn: number;
  expired: number;
  closed: number;
  open: number;
}

export class ReportDirectionDto {
  /** One row per counterpart country and type that has a request, by country then type. */
  rows: ReportRowDto[];
  total: ReportRowDto;
}

/** The yearly table a treaty asks of its parties (DESIGN §14 "Figures"): requests made and received, by country, type and outcome. */
export class SupervisionReportDto {
  country: string;
  year: number;
  /** The time zone the year is read in (your authority's). */
  timezone: string;
  /** The year's bounds (ISO 8601 instants): requests created in [from, to). */
  from: string;
  to: string;
  generatedAt: string;
  /** Requests your country made (sent to a counterpart). */
  made: ReportDirectionDto;
  /** Requests your country received. */
  received: ReportDirectionDto;
}
