import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppException, Idempotency, type IdempotencyClaim } from '@mla/core';
import { CurrentUser, Principal, Roles } from '@mla/identity';
import { etagOf, ExpectedVersion, RequestDto, RequestsService } from '@mla/requests';
import { OverdueListDto, OverdueQueryDto } from './dto/overdue.dto';
import { ReassignDto } from './dto/reassign.dto';
import { ReportQueryDto, SupervisionReportDto } from './dto/report.dto';
import { StatsQueryDto, SupervisionStatsDto } from './dto/stats.dto';
import { OverdueQueueService } from './overdue/overdue-queue.service';
import { prefersCsv } from './stats/accept';
import { statsToCsv } from './stats/stats-csv';
import { SupervisionStatsService } from './stats/supervision-stats.service';
import { yearlyReportToCsv } from './report/yearly-report';
import { YearlyReportService } from './report/yearly-report.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('Request') });

/** The supervisor's desk (DESIGN §8): what is overdue and who holds it, how each channel performs. */
@ApiTags('supervision')
@ApiExtraModels(SupervisionStatsDto, SupervisionReportDto)
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'FORBIDDEN: reserved to SUPERVISOR' })
@Roles('SUPERVISOR')
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly overdue: OverdueQueueService,
    private readonly stats: SupervisionStatsService,
    private readonly yearly: YearlyReportService,
    private readonly requests: RequestsService,
  ) {}

  /**
   * Unmet deadlines past due of your country's requests (either side; received ones once
   * sent), most overdue first, with the ball holder and the escalation level.
   */
  @Get('overdue')
  @ApiOkResponse({ type: OverdueListDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: an unknown filter value, limit outside 1-100, or a cursor this API did not issue' })
  listOverdue(@CurrentUser() p: Principal, @Query() query: OverdueQueryDto): Promise<OverdueListDto> {
    return this.overdue.list(p, query);
  }

  /**
   * Performance of your country's requests created in [from, to), sent and received apart,
   * by counterpart, type, priority or channel. `Accept: text/csv` answers one flat table.
   */
  @Get('stats')
  @ApiProduces('application/json', 'text/csv')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: from/to missing or not ISO 8601, from not before to, more than five years, unknown groupBy' })
  @ApiOkResponse({
    description: 'The statistics; as CSV (a header row, one row per direction and group) for Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SupervisionStatsDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async getStats(
    @CurrentUser() p: Principal,
    @Query() query: StatsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupervisionStatsDto | string> {
    const stats = await this.stats.report(p, query);
    reply.header('vary', 'Accept');
    if (!prefersCsv(accept)) return stats;
    const name = `supervision-${stats.country}-${stats.groupBy}-${stats.from.slice(0, 10)}-${stats.to.slice(0, 10)}.csv`;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
    return statsToCsv(stats);
  }

  /**
   * The yearly table a treaty asks of its parties: your country's requests made and
   * received in the year (created in it and sent), by counterpart country, type and outcome.
   * `Accept: text/csv` answers the same as one table.
   */
  @Get('report')
  @ApiProduces('application/json', 'text/csv')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: year missing or not a year of four digits between 1970 and 9999' })
  @ApiOkResponse({
    description: 'The report; as CSV (a header row, one row per direction, country and type, each direction closed by its ALL,ALL total) for Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SupervisionReportDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async getReport(
    @CurrentUser() p: Principal,
    @Query() query: ReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupervisionReportDto | string> {
    const report = await this.yearly.report(p, Number(query.year));
    reply.header('vary', 'Accept');
    if (!prefersCsv(accept)) return report;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="mla-report-${report.country}-${report.year}.csv"`);
    return yearlyReportToCsv(report);
  }

  /**
   * Hands a received request to another officer of the requested authority (SUPERVISOR of
   * the requested country), with a reason recorded in its history.
   */
  @Post('requests/:id/assignee')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version (ETag) you read; 412 VERSION_CONFLICT when stale' })
  @ApiOkResponse({ type: RequestDto })
  @ApiNotFoundResponse({ description: 'No such request, or one you may not see (NOT_FOUND)' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: the request is closed, refused, withdrawn or expired' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT: stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: not an active officer of the requested authority, or already the assignee' })
  async reassign(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ReassignDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Idempotency() claim: IdempotencyClaim | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestDto> {
    const command = { name: 'reassign' as const, input: { assigneeId: dto.assigneeId, reason: dto.reason } };
    const request = await this.requests.change(p, id, command, expectedVersion, claim);
    reply.header('etag', etagOf(request.version));
    return request;
  }
}
