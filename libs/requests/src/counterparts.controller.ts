import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageQueryDto } from '@mla/core';
import { CurrentUser, Principal, Roles } from '@mla/identity';
import { LetterQueryDto } from './dto/attachment.dto';
import { ChaseDto } from './dto/counterpart.dto';
import { IncomingRequestDto } from './dto/incoming-request.dto';
import { RequestDto, RequestListDto } from './dto/request.dto';
import { ExpectedVersion } from './http/if-match.decorator';
import { IF_MATCH, uuidOf } from './http/request-params';
import { etagOf } from './request.presenter';
import { ChaserService } from './counterparts/chaser.service';
import { CounterpartsService } from './counterparts.service';

const uuid = uuidOf('Request');

/** Counterparts that are not on this node (DESIGN §14): chasing them, and the requests they send on paper. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class CounterpartsController {
  constructor(
    private readonly counterparts: CounterpartsService,
    private readonly chasers: ChaserService,
  ) {}

  /** "To chase": the requests you see whose chase interval has run out, the longest run out first (OFFICER, SUPERVISOR). */
  @Get('to-chase')
  @ApiOkResponse({ type: RequestListDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: for officers and supervisors' })
  toChase(@CurrentUser() p: Principal, @Query() query: PageQueryDto): Promise<RequestListDto> {
    return this.counterparts.toChase(p, query);
  }

  /**
   * Registers a request received on paper from an OFFLINE authority (OFFICER): it starts in
   * SENT, addressed to one of this node's authorities of your country; attach its scan next
   * (POST /requests/{id}/attachments?kind=CORRESPONDENCE).
   */
  @Roles('OFFICER')
  @Post('incoming')
  @ApiCreatedResponse({ type: RequestDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only an officer registers a request received on paper' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: the requesting authority is not OFFLINE, the requested one not of your country on this node, or a date in the future' })
  async incoming(@CurrentUser() p: Principal, @Body() dto: IncomingRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<RequestDto> {
    const created = await this.counterparts.incoming(p, dto);
    reply.header('etag', etagOf(created.version)).header('location', `/api/v1/requests/${created.id}`);
    return created;
  }

  /** Records one chaser sent to the OFFLINE counterpart (OFFICER of the side facing it): the state stays, the chase interval restarts. */
  @Roles('OFFICER')
  @Post(':id/chases')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RequestDto })
  @ApiNotFoundResponse({ description: 'No such request, or one you may not see (NOT_FOUND)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only an officer of the side facing an OFFLINE counterpart chases it' })
  @ApiConflictResponse({ description: 'CONFLICT: nothing is awaited of the counterpart; INVALID_TRANSITION: the request is closed' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT: stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: dispatchedAt in the future' })
  async chase(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ChaseDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestDto> {
    const request = await this.counterparts.chase(p, id, dto, expectedVersion);
    reply.header('etag', etagOf(request.version));
    return request;
  }

  /**
   * The chaser: the follow-up note to the OFFLINE counterpart as an A4 PDF (the reference, how
   * the request was sent, what is outstanding and since when, the earlier chasers, the contact),
   * in `lang`, else the counterpart's language when the chaser is written in it, else English.
   */
  @Get(':id/chaser')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such request, or one you may not see (NOT_FOUND)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only the side facing the OFFLINE counterpart writes its chasers' })
  @ApiConflictResponse({ description: 'CONFLICT: nothing is outstanding (or the counterpart works on MLA Hub)' })
  async chaser(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Query() query: LetterQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const chaser = await this.chasers.chaser(p, id, query.lang);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-length', chaser.pdf.length)
      .header('content-disposition', `inline; filename="${chaser.reference}-chaser-${chaser.language}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(chaser.pdf);
  }
}
