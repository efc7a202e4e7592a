import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, type Principal, Roles } from '@mla/identity';
import { CalendarYearParamsDto, CountryCalendarDto, CountryCodeParamsDto, SetCalendarYearDto, SetCalendarYearResultDto } from './dto/working-calendar.dto';
import { WorkingCalendarsService } from './working-calendars.service';

/** Each country's working calendar: the announced non-working and make-up working days per year (DESIGN §5). */
@ApiTags('countries')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid session' })
@Controller('countries/:code/calendars')
export class WorkingCalendarsController {
  constructor(private readonly calendars: WorkingCalendarsService) {}

  /** The years of the country with an announced schedule, the one in force for each (an admin's over the file's). */
  @Get()
  @ApiOkResponse({ type: CountryCalendarDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: the code is not an ISO 3166-1 alpha-2 country code' })
  list(@Param() params: CountryCodeParamsDto): Promise<CountryCalendarDto> {
    return this.calendars.ofCountry(params.code);
  }

  /**
   * Sets a year's announced schedule (ADMIN), replacing the file's for that year; audited.
   * The country's open deadlines counted in business days are recomputed and rescheduled
   * (`recomputation: DONE`), or will be within moments (`PENDING`). Sending the schedule in
   * force changes nothing (`changed: false`).
   */
  @Put(':year')
  @Roles('ADMIN')
  @ApiBody({ type: SetCalendarYearDto })
  @ApiOkResponse({ type: SetCalendarYearResultDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: every bad entry named (a date outside the year, a weekday as a make-up day, a day listed twice, a missing source…)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only an ADMIN sets a calendar' })
  set(@CurrentUser() admin: Principal, @Param() params: CalendarYearParamsDto, @Body() body: unknown): Promise<SetCalendarYearResultDto> {
    return this.calendars.setYear(admin, params.code, params.year, body);
  }
}
