import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppException, Clock, decodeCursor, IdempotencyRepository, PageQueryDto, toPage, type IdempotencyClaim } from '@mla/core';
import type { Principal } from '@mla/identity';
import type { AccessLogDto } from './access-log/access-log.dto';
import { AccessLogService } from './access-log/access-log.service';
import { listedRow } from './domain/confidential-listing';
import { RequestCommands } from './commands/request-commands';
import type { Command } from './commands/command.types';
import type { CreateRequestDto } from './dto/request-content.dto';
import type { ListRequestsQueryDto } from './dto/list-requests-query.dto';
import type { RequestDto, RequestListDto } from './dto/request.dto';
import { matchesIfNoneMatch, type ConditionalAnswer } from './http/conditional-read';
import { etagOf, toRequestDto, toSummary } from './request.presenter';
import { RequestReader } from './reading/request-reader';
import { RequestsRepository } from './requests.repository';
import { canSee } from './domain/visibility';

/** Requests: drafts created and every change run through the one write path; the request and its list read by visibility. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly commands: RequestCommands,
    private readonly reader: RequestReader,
    private readonly idempotency: IdempotencyRepository,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  /** A new draft, created by the write path's `create` command; an idempotent creation's answer commits with it. */
  async create(p: Principal, dto: CreateRequestDto, claim?: IdempotencyClaim): Promise<RequestDto> {
    const now = this.clock.now();
    // The answer's reference is drawn in the same statement: a marker in the stored body is replaced by it there.
    const marker = `reference-${randomUUID()}`;
    const { row } = await this.commands.create(p, dto, {
      alsoWrite: claim
        ? (result, params, referenceSql) => [
            this.idempotency.completeStatement(
              claim.userId,
              claim.key,
              claim.statusCode,
              { etag: etagOf(result.row.version), location: `/api/v1/requests/${result.row.id}` },
              JSON.stringify(toRequestDto({ ...result.row, reference: marker }, [], p)),
              now,
              params,
              (body) => `replace(${body}, ${params.add(marker)}, ${referenceSql})`,
            ),
          ]
        : undefined,
    });
    if (claim) claim.recorded = true;
    return toRequestDto(row, [], p);
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
              JSON.stringify(toRequestDto(result.row, result.deadlines, p)), now, params),
          ]
        : undefined,
    });
    if (claim) claim.recorded = true;
    // The answer carries the content: a confidential request's access log records it (a deletion answers none).
    if (command.name !== 'delete') await this.accessLog.recordRead(p, row, 'action', { action: command.name });
    return toRequestDto(row, deadlines, p);
  }

  /** The request as the caller sees it; a 304 (and no access-log row) when the caller holds this version (`If-None-Match`). */
  async get(p: Principal, id: string, ifNoneMatch?: string | string[]): Promise<ConditionalAnswer<RequestDto>> {
    const found = await this.requests.findWithDeadlines(id);
    if (!found || !canSee(p, found.row)) throw AppException.notFound('Request');
    const etag = etagOf(found.row.version);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, notModified: true };
    await this.reader.recordRead(p, found.row, 'request');
    return { etag, notModified: false, body: toRequestDto(found.row, found.deadlines, p) };
  }

  async list(p: Principal, q: ListRequestsQueryDto): Promise<RequestListDto> {
    if (p.role === 'ADMIN') throw AppException.forbidden('Administrators manage authorities and users, never the content of requests');
    const limit = q.limit ?? 20;
    // A confidential request is listed without its title, so a list page logs no read (domain/confidential-listing.ts).
    return toPage(await this.requests.page(p, q, decodeCursor(q.cursor), limit + 1, this.clock.now()), limit, (r) => toSummary(listedRow(r)));
  }

  /** Who read a confidential request (GET /requests/:id/access-log). */
  async accessLogOf(p: Principal, id: string, q: PageQueryDto): Promise<AccessLogDto> {
    return this.accessLog.list(p, await this.reader.visibleRow(p, id), q);
  }
}
