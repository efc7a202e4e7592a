import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppException, Clock, decodeCursor, PageQueryDto, toPage } from '@mla/core';
import { AuthoritiesRepository, AuthorityRow, Principal } from '@mla/identity';
import type { AccessLogDto } from './access-log/access-log.dto';
import type { AccessKind } from './access-log/access-log.repository';
import { AccessLogService } from './access-log/access-log.service';
import { RequestCommands } from './commands/request-commands';
import type { Command } from './commands/command.types';
import { checkRelated, checkRequestedAuthority } from './commands/rules/draft.rule';
import { actorOf, buildEvent } from './events/event-builder';
import type { CreateRequestDto } from './dto/request-content.dto';
import type { ListRequestsQueryDto } from './dto/list-requests-query.dto';
import type { RequestDto, RequestListDto } from './dto/request.dto';
import type { IdempotencyClaim } from './idempotency/idempotency-context';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { matchesIfNoneMatch, type ConditionalAnswer } from './http/conditional-read';
import { etagOf, RequestPresenter, toSummary } from './request.presenter';
import type { RequestRow } from './request.row';
import { NewRequestRow, RequestsRepository } from './requests.repository';
import { canSee } from './visibility';

/** The year of an instant in a time zone (a reference's year is the requesting country's). */
function yearIn(timezone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(at));
}

/** Requests: drafts created, every change run through the one write path, and reads by visibility. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly commands: RequestCommands,
    private readonly authorities: AuthoritiesRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly presenter: RequestPresenter,
  ) {}

  async create(p: Principal, dto: CreateRequestDto, claim?: IdempotencyClaim): Promise<RequestDto> {
    const found = await this.authorities.findByIds([p.authorityId as string, dto.requestedAuthorityId]);
    const requesting = found.find((a) => a.id === p.authorityId);
    if (!requesting) throw AppException.forbidden('Your authority no longer exists');
    const requested = checkRequestedAuthority(found.find((a) => a.id === dto.requestedAuthorityId) ?? null, requesting, dto.channel ?? 'CENTRAL_AUTHORITY');
    if (dto.relatedRequestId) await checkRelated(this.requests, null, p, dto.relatedRequestId, dto.type, requested.country);
    const now = this.clock.now();
    const id = randomUUID();
    const event = buildEvent(
      { id, eventSeq: 0, lastEventHash: null },
      { action: 'create', fromState: null, toState: 'DRAFT', actor: actorOf(p), input: { ...dto }, occurredAt: now, audience: 'REQUESTING' },
    );
    const created: NewRequestRow = {
      id,
      state: 'DRAFT',
      type: dto.type,
      priority: dto.priority ?? 'ROUTINE',
      channel: dto.channel ?? 'CENTRAL_AUTHORITY',
      legalBasis: dto.legalBasis,
      treatyName: dto.treatyName ?? null,
      requestingAuthorityId: requesting.id,
      requestedAuthorityId: requested.id,
      requestingCountry: requesting.country,
      requestedCountry: requested.country,
      createdBy: p.userId,
      title: dto.title ?? null,
      offence: dto.offence ?? null,
      facts: dto.facts ?? null,
      measures: dto.measures ?? [],
      identifiers: dto.identifiers ?? [],
      relatedRequestId: dto.relatedRequestId ?? null,
      neededBy: dto.neededBy ?? null,
      confidential: dto.confidential ?? false,
      // Written in the requesting authority's language unless said otherwise.
      language: dto.language ?? requesting.language.slice(0, 2).toLowerCase(),
      details: dto.details ?? {},
      eventSeq: event.seq,
      lastEventHash: event.hash,
      now,
    };
    // An idempotent creation's answer commits with it; its reference, drawn in the same statement, is put in there.
    const marker = `reference-${randomUUID()}`;
    const reference = await this.requests.insertWithEvent(
      created,
      event,
      yearIn(requesting.timezone, now),
      claim
        ? (params, referenceSql) => [
            this.idempotency.completeStatement(
              claim.userId,
              claim.key,
              claim.statusCode,
              { etag: etagOf(1), location: `/api/v1/requests/${id}` },
              JSON.stringify(this.presenter.presentWith(newRequestRow(created, marker, requesting, requested), [], p)),
              now,
              params,
              (body) => `replace(${body}, ${params.add(marker)}, ${referenceSql})`,
            ),
          ]
        : undefined,
    );
    if (claim) claim.recorded = true;
    return this.presenter.presentWith(newRequestRow(created, reference, requesting, requested), [], p);
  }

  /**
   * Runs a command of the write path on a request (an action, a draft edit, an extension, a
   * reassignment) and answers the request as the caller now sees it.
   */
  async change(p: Principal, id: string, command: Command, expectedVersion: number | undefined, claim?: IdempotencyClaim): Promise<RequestDto> {
    const now = this.clock.now();
    const { row, deadlines } = await this.commands.run(p, id, command, {
      expectedVersion,
      // An idempotent request's answer commits with the action it answers.
      alsoWrite: claim
        ? (result, params) => [
            this.idempotency.completeStatement(claim.userId, claim.key, claim.statusCode, { etag: etagOf(result.row.version) },
              JSON.stringify(this.presenter.presentWith(result.row, result.deadlines, p)), now, params),
          ]
        : undefined,
    });
    if (claim) claim.recorded = true;
    return this.presenter.present(row, deadlines, p);
  }

  /** The request as the caller sees it; a 304 (and no access-log row) when the caller holds this version (`If-None-Match`). */
  async get(p: Principal, id: string, ifNoneMatch?: string | string[]): Promise<ConditionalAnswer<RequestDto>> {
    const found = await this.requests.findWithDeadlines(id);
    if (!found || !canSee(p, found.row)) throw AppException.notFound('Request');
    const etag = etagOf(found.row.version);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, notModified: true };
    await this.accessLog.recordRead(p, found.row, 'request');
    return { etag, notModified: false, body: await this.presenter.present(found.row, found.deadlines, p) };
  }

  /** Records a read of part of a request the caller may see (the access log of a confidential one). */
  recordRead(p: Principal, row: RequestRow, what: AccessKind, detail: Record<string, unknown> = {}): Promise<void> {
    return this.accessLog.recordRead(p, row, what, detail);
  }

  async list(p: Principal, q: ListRequestsQueryDto): Promise<RequestListDto> {
    if (p.role === 'ADMIN') throw AppException.forbidden('Administrators manage authorities and users, never the content of requests');
    const limit = q.limit ?? 20;
    return toPage(await this.requests.page(p, q, decodeCursor(q.cursor), limit + 1, this.clock.now()), limit, toSummary);
  }

  /** The request if the caller may see it; 404 otherwise, exactly as if it did not exist. */
  async visibleRow(p: Principal, id: string): Promise<RequestRow> {
    const row = await this.requests.findRow(null, id);
    if (!row || !canSee(p, row)) throw AppException.notFound('Request');
    return row;
  }

  /** visibleRow() for a read of (part of) the request: recorded in the access log when the request is confidential. */
  async readVisible(p: Principal, id: string, what: AccessKind, detail: Record<string, unknown> = {}): Promise<RequestRow> {
    const row = await this.visibleRow(p, id);
    await this.accessLog.recordRead(p, row, what, detail);
    return row;
  }

  /** Who read a confidential request (GET /requests/:id/access-log). */
  async accessLogOf(p: Principal, id: string, q: PageQueryDto): Promise<AccessLogDto> {
    return this.accessLog.list(p, await this.visibleRow(p, id), q);
  }
}

/** The row of a request just inserted, as a read would answer it (no second query). */
function newRequestRow(n: NewRequestRow, reference: string, requesting: AuthorityRow, requested: AuthorityRow): RequestRow {
  return {
    ...n,
    reference,
    version: 1,
    state: 'DRAFT',
    type: n.type as RequestRow['type'],
    priority: n.priority as RequestRow['priority'],
    channel: n.channel as RequestRow['channel'],
    legalBasis: n.legalBasis as RequestRow['legalBasis'],
    offence: (n.offence as RequestRow['offence']) ?? null,
    identifiers: n.identifiers as RequestRow['identifiers'],
    sendingAuthorityId: null,
    assigneeId: null,
    resumeState: null,
    preservedUntil: null,
    preservationExtensions: 0,
    executingBody: null,
    delayEstimate: null,
    outcome: null,
    refusal: null,
    deliveryCount: 0,
    submittedAt: null,
    sentAt: null,
    acknowledgedAt: null,
    executedAt: null,
    deadlineOutcomes: new Array(18).fill(0),
    closedAt: null,
    createdAt: n.now,
    updatedAt: n.now,
    requestingAuthorityCode: requesting.code,
    requestingAuthorityName: requesting.name,
    requestingAuthorityTimezone: requesting.timezone,
    requestedAuthorityCode: requested.code,
    requestedAuthorityName: requested.name,
    requestedAuthorityTimezone: requested.timezone,
  };
}
