import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { Readable } from 'node:stream';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiBody,
  ApiConsumes,
  ApiProduces,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FileTransfer } from '@mla/storage';
import { AppException, contentDisposition, Idempotency, type IdempotencyClaim, PageQueryDto } from '@mla/core';
import { AccessLogDto } from './access-log/access-log.dto';
import { CurrentUser, Principal, Roles, StepUpForActions } from '@mla/identity';
import { ExtendDeadlineDto } from './dto/extend-deadline.dto';
import { ChainVerificationDto, EventListDto, ListEventsQueryDto, VerifyEventsQueryDto } from './dto/event.dto';
import { EvidenceItemDto, EvidenceListDto } from './dto/evidence.dto';
import { AttachmentsService } from './attachments/attachments.service';
import { EvidenceContentService } from './evidence/evidence-content.service';
import { toEvidenceDto } from './evidence/evidence.service';
import { ListRequestsQueryDto } from './dto/list-requests-query.dto';
import { CreateRequestDto, UpdateRequestDto } from './dto/request-content.dto';
import { RequestDto, RequestListDto, RequestStatesDto } from './dto/request.dto';
import { ApiTransitionBody, TransitionDto } from './dto/transition.dto';
import { EventsService } from './events/events.service';
import { EvidenceService } from './evidence/evidence.service';
import { etagOf } from './request.presenter';
import { RequestsService } from './requests.service';
import { ExpectedVersion } from './http/if-match.decorator';
import { editCommand, transitionCommand } from './http/transition-command';
import { answer, IF_NONE_MATCH } from './http/conditional-read';
import { IF_MATCH, uuidOf } from './http/request-params';

const uuid = uuidOf('Request');

const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'Repeats with the same key and body answer the first response' };

@ApiTags('requests')
@ApiExtraModels(RequestStatesDto)
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such request, or one you may not see (NOT_FOUND)' })
@Controller('requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly events: EventsService,
    private readonly evidence: EvidenceService,
    private readonly content: EvidenceContentService,
    private readonly attachments: AttachmentsService,
  ) {}

  /** Creates a draft (PROSECUTOR). Only type, legal basis and requested authority are needed now. */
  @Roles('PROSECUTOR')
  @Post()
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: RequestDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: requested authority or related request unfit' })
  async create(
    @CurrentUser() p: Principal,
    @Body() dto: CreateRequestDto,
    @Idempotency() claim: IdempotencyClaim | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestDto> {
    const created = await this.requests.create(p, dto, claim);
    reply.header('etag', etagOf(created.version)).header('location', `/api/v1/requests/${created.id}`);
    return created;
  }

  /** The requests you may see, newest first, with filters and a cursor. */
  @Get()
  @ApiOkResponse({ type: RequestListDto })
  @ApiForbiddenResponse({ description: 'ADMIN never sees requests' })
  list(@CurrentUser() p: Principal, @Query() query: ListRequestsQueryDto): Promise<RequestListDto> {
    return this.requests.list(p, query);
  }

  /** One request with its deadlines and the actions you may take now. */
  @Get(':id')
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: RequestDto })
  @ApiResponse({ status: 304, description: 'Not modified: your copy (If-None-Match) is this version' })
  async get(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestDto> {
    return answer(reply, await this.requests.get(p, id, ifNoneMatch));
  }

  /** Edits a draft (PROSECUTOR of the requesting authority). */
  @Roles('PROSECUTOR')
  @Patch(':id')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RequestDto })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: not a draft' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT' })
  async update(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateRequestDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestDto> {
    const request = await this.requests.change(p, id, editCommand(dto), expectedVersion);
    reply.header('etag', etagOf(request.version));
    return request;
  }

  /** Deletes a draft (PROSECUTOR of the requesting authority) with its documents' files; its history stays. */
  @Roles('PROSECUTOR')
  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: not a draft' })
  async remove(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @ExpectedVersion() expectedVersion: number | undefined): Promise<void> {
    await this.attachments.deleteDraft(p, id, expectedVersion);
  }

  /** Takes an action of the state machine (DESIGN §3). `send` and `deliver_evidence` need a recent second factor (DESIGN §16, 403 STEP_UP_REQUIRED). */
  @StepUpForActions('send', 'deliver_evidence')
  @Post(':id/transitions')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiTransitionBody()
  @ApiOkResponse({ type: RequestDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: your role or side may never take this action; STEP_UP_REQUIRED: give your second factor again (POST /auth/step-up)' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: the current state (or the type) does not allow it' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT: stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'REQUEST_INCOMPLETE (missing input) or RULE_VIOLATED' })
  async transition(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: TransitionDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Idempotency() claim: IdempotencyClaim | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestDto> {
    const request = await this.requests.change(p, id, transitionCommand(dto), expectedVersion, claim);
    reply.header('etag', etagOf(request.version));
    return request;
  }

  /** Extends a deadline with a written reason (SUPERVISOR of the side that holds it). */
  @Roles('SUPERVISOR')
  @Post(':id/deadlines/:deadlineId/extensions')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RequestDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a supervisor of the side that holds the deadline' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: the deadline is met or cancelled' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT: stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: the new due time is not later' })
  async extendDeadline(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('deadlineId', uuid) deadlineId: string,
    @Body() dto: ExtendDeadlineDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Idempotency() claim: IdempotencyClaim | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestDto> {
    const command = { name: 'extend_deadline' as const, input: { deadlineId, dueAt: dto.dueAt, reason: dto.reason } };
    const request = await this.requests.change(p, id, command, expectedVersion, claim);
    reply.header('etag', etagOf(request.version));
    return request;
  }

  /** The request's history, oldest first. */
  @Get(':id/events')
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: EventListDto })
  @ApiResponse({ status: 304, description: 'Not modified: the history has not grown since your copy (If-None-Match)' })
  async listEvents(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Query() query: ListEventsQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventListDto> {
    return answer(reply, await this.events.list(p, id, query, ifNoneMatch));
  }

  /**
   * Recomputes the hash chain of the history and, for a request one side of which works on a
   * peer node, checks its shared events (every signature, the chain); `?witness=peer` also
   * compares them with the peer's copy and names the first difference.
   */
  @Get(':id/events/verify')
  @ApiOkResponse({ type: ChainVerificationDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: witness=peer for a request with no side on a peer node, or never sent' })
  verify(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Query() query: VerifyEventsQueryDto): Promise<ChainVerificationDto> {
    return this.events.verify(p, id, query);
  }

  /**
   * Stores the file of a delivered digital item (OFFICER of the requested authority): streamed,
   * size-limited, SHA-256 verified. Restartable: an upload cut off (a reload, a lost connection)
   * or refused (a hash mismatch) stores nothing, so the same PUT starts again from the first byte.
   */
  @Put(':id/evidence/:itemId/content')
  @FileTransfer()
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: EvidenceItemDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: the file does not match the declared SHA-256 and size' })
  @ApiConflictResponse({ description: 'CONFLICT: the item already has its file' })
  async uploadContent(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Req() req: FastifyRequest,
  ): Promise<EvidenceItemDto> {
    if (!(req.body instanceof Readable)) throw new AppException('UNSUPPORTED_MEDIA_TYPE', 'Send the file as application/octet-stream');
    return toEvidenceDto(await this.content.upload(p, id, itemId, req.body));
  }

  /** The stored file of an evidence item, named after its file (Content-Disposition with `filename*`). */
  @Get(':id/evidence/:itemId/content')
  @FileTransfer()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async downloadContent(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.content.download(p, id, itemId);
    await reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', file.size)
      .header('content-disposition', contentDisposition(file.fileName, { fallback: file.fallbackName }))
      .header('x-content-sha256', file.sha256)
      .send(file.stream);
  }

  /**
   * Who read this confidential request, when, what (every read of it, its events, evidence,
   * documents, letter or files): for the requesting side's supervisors; on the requested side
   * for its supervisors and the requested authority's officers (their own side's reads).
   */
  @Get(':id/access-log')
  @ApiOkResponse({ type: AccessLogDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a supervisor, nor an officer of the requested authority' })
  accessLog(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Query() query: PageQueryDto): Promise<AccessLogDto> {
    return this.requests.accessLogOf(p, id, query);
  }

  /** Evidence items delivered so far, with their custody. */
  @Get(':id/evidence')
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: EvidenceListDto })
  @ApiResponse({ status: 304, description: 'Not modified: the items are as in your copy (If-None-Match)' })
  async listEvidence(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvidenceListDto> {
    return answer(reply, await this.evidence.list(p, id, ifNoneMatch));
  }
}
