import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppException, Clock, decodeCursor, FieldError, toPage, TransactionRunner } from '@mla/core';
import { AuthoritiesRepository, AuthorityRow, Principal } from '@mla/identity';
import { DeadlinesRepository } from '@mla/deadlines';
import { buildEvent, actorOf } from './events/event-builder';
import { EventsRepository } from './events/events.repository';
import { RequestHistory } from './events/request-history';
import type { RequestState } from '@mla/domain';
import type { CreateRequestDto, UpdateRequestDto } from './dto/request-content.dto';
import type { ListRequestsQueryDto } from './dto/list-requests-query.dto';
import type { RequestDto, RequestListDto } from './dto/request.dto';
import { toRequestDto, toSummary, versionFromIfMatch } from './request.presenter';
import type { RequestChanges, RequestRow } from './request.row';
import { NewRequestRow, RequestsRepository } from './requests.repository';
import { canSee } from './visibility';

const OFFICER_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'];

/** The year of an instant in a time zone (a reference's year is the requesting country's). */
function yearIn(timezone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(at));
}

/** Drafts (create, edit, delete) and reads of requests. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly events: EventsRepository,
    private readonly history: RequestHistory,
    private readonly deadlines: DeadlinesRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, dto: CreateRequestDto): Promise<RequestDto> {
    const found = await this.authorities.findByIds([p.authorityId as string, dto.requestedAuthorityId]);
    const requesting = found.find((a) => a.id === p.authorityId);
    if (!requesting) throw AppException.forbidden('Your authority no longer exists');
    const requested = this.checkRequestedAuthority(
      found.find((a) => a.id === dto.requestedAuthorityId) ?? null,
      requesting,
      dto.channel ?? 'CENTRAL_AUTHORITY',
    );
    const now = this.clock.now();
    const id = randomUUID();
    const row = await this.tx.run(async (m) => {
      if (dto.relatedRequestId) await this.checkRelated(m, p, dto.relatedRequestId, dto.type, requested.country);
      const reference = await this.requests.nextReference(m, requesting.country, yearIn(requesting.timezone, now));
      const event = buildEvent(
        { id, eventSeq: 0, lastEventHash: null },
        { action: 'create', fromState: null, toState: 'DRAFT', actor: actorOf(p), input: { ...dto }, occurredAt: now },
      );
      const created = {
        id,
        reference,
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
        eventSeq: event.seq,
        lastEventHash: event.hash,
        now,
      };
      await this.requests.insert(m, created);
      await this.events.append(m, event);
      return newRequestRow(created, requesting, requested);
    });
    return toRequestDto(row, [], p);
  }

  async update(p: Principal, id: string, dto: UpdateRequestDto, ifMatch: string | undefined): Promise<RequestDto> {
    const fields = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
    if (fields.length === 0) throw AppException.validation([{ field: 'body', message: 'names no field to change' }]);
    await this.tx.run(async (m) => {
      const row = await this.lockDraft(m, p, id, ifMatch, 'edited');
      const changes: RequestChanges = {};
      for (const field of fields) (changes as Record<string, unknown>)[field] = (dto as Record<string, unknown>)[field];
      const type = dto.type ?? row.type;
      const channel = dto.channel ?? row.channel;
      if (dto.requestedAuthorityId !== undefined || dto.channel !== undefined) {
        const requestedId = dto.requestedAuthorityId ?? row.requestedAuthorityId;
        const found = await this.authorities.findByIds([row.requestingAuthorityId, requestedId]);
        const requesting = found.find((a) => a.id === row.requestingAuthorityId) as AuthorityRow;
        const requested = this.checkRequestedAuthority(found.find((a) => a.id === requestedId) ?? null, requesting, channel);
        changes.requestedCountry = requested.country;
      }
      const relatedId = dto.relatedRequestId === undefined ? row.relatedRequestId : dto.relatedRequestId;
      if (relatedId && (dto.relatedRequestId !== undefined || dto.type !== undefined || dto.requestedAuthorityId !== undefined)) {
        const requestedCountry = (changes.requestedCountry as string | undefined) ?? row.requestedCountry;
        await this.checkRelated(m, p, relatedId, type, requestedCountry);
      }
      await this.record(m, row, p, 'edit', 'DRAFT', { ...dto }, changes);
    });
    return this.get(p, id);
  }

  async remove(p: Principal, id: string, ifMatch: string | undefined): Promise<void> {
    await this.tx.run(async (m) => {
      const row = await this.lockDraft(m, p, id, ifMatch, 'deleted');
      await this.record(m, row, p, 'delete', 'DRAFT', {}, { deletedAt: this.clock.now() });
    });
  }

  async get(p: Principal, id: string): Promise<RequestDto> {
    const row = await this.visibleRow(null, p, id);
    return toRequestDto(row, await this.deadlines.forRequest(null, id), p);
  }

  async list(p: Principal, q: ListRequestsQueryDto): Promise<RequestListDto> {
    if (p.role === 'ADMIN') throw AppException.forbidden('Administrators manage authorities and users, never the content of requests');
    const limit = q.limit ?? 20;
    return toPage(await this.requests.page(p, q, decodeCursor(q.cursor), limit + 1, this.clock.now()), limit, toSummary);
  }

  /** The request if the caller may see it; 404 otherwise, exactly as if it did not exist. */
  async visibleRow(m: EntityManager | null, p: Principal, id: string, lock = false): Promise<RequestRow> {
    const row = await this.requests.findRow(m, id, lock);
    if (!row || !canSee(p, row)) throw AppException.notFound('Request');
    return row;
  }

  /** Home officer authorities of a country: its central authority and 24/7 contact point. */
  officerAuthorityIds(country: string): Promise<string[]> {
    return this.authorities.officerAuthorityIds(country);
  }

  private async lockDraft(m: EntityManager, p: Principal, id: string, ifMatch: string | undefined, verb: string): Promise<RequestRow> {
    const row = await this.visibleRow(m, p, id, true);
    if (p.role !== 'PROSECUTOR' || row.requestingAuthorityId !== p.authorityId) {
      throw AppException.forbidden(`Only a prosecutor of the requesting authority may have a draft ${verb}`);
    }
    if (ifMatch !== undefined && versionFromIfMatch(ifMatch) !== row.version) {
      throw new AppException('VERSION_CONFLICT', `The request is at version ${row.version}; re-read it and retry`, undefined, {
        currentVersion: row.version,
      });
    }
    if (row.state !== 'DRAFT') {
      throw new AppException('INVALID_TRANSITION', `Only a draft is ${verb}; this request is ${row.state} and its content is frozen`);
    }
    return row;
  }

  private async record(
    m: EntityManager,
    row: RequestRow,
    p: Principal,
    action: string,
    toState: RequestState,
    input: Record<string, unknown>,
    changes: RequestChanges,
  ): Promise<void> {
    await this.history.append(m, row, { action, toState, actor: actorOf(p), input, at: this.clock.now(), changes });
  }

  private checkRequestedAuthority(requested: AuthorityRow | null, requesting: AuthorityRow, channel: string): AuthorityRow {
    const errors: FieldError[] = [];
    if (!requested) errors.push({ field: 'requestedAuthorityId', message: 'names no authority' });
    else if (requested.country === requesting.country) {
      errors.push({ field: 'requestedAuthorityId', message: `must be an authority of another country than ${requesting.country}` });
    } else if (channel !== 'DIRECT' && !OFFICER_KINDS.includes(requested.kind)) {
      errors.push({ field: 'requestedAuthorityId', message: 'must be a central authority or 24/7 contact point (or use channel DIRECT)' });
    }
    if (errors.length > 0 || !requested) throw AppException.rule('The requested authority cannot receive this request', errors);
    return requested;
  }

  private async checkRelated(m: EntityManager, p: Principal, relatedId: string, type: string, requestedCountry: string): Promise<void> {
    const related = await this.requests.findRow(m, relatedId);
    const field = 'relatedRequestId';
    if (!related || !canSee(p, related)) throw AppException.rule('The related request was not found', [{ field, message: 'names no request you can see' }]);
    if (related.type !== 'PRESERVATION') throw AppException.rule('A follow-up continues a preservation request', [{ field, message: 'must name a PRESERVATION request' }]);
    if (type === 'PRESERVATION') throw AppException.rule('A preservation request does not continue another one', [{ field, message: 'must be empty for type PRESERVATION' }]);
    if (related.requestedCountry !== requestedCountry) {
      throw AppException.rule('The follow-up must go to the country that preserved the data', [{ field, message: `names a request to ${related.requestedCountry}` }]);
    }
  }
}

/** The row of a request just inserted, as a read would answer it (no second query). */
function newRequestRow(n: NewRequestRow, requesting: AuthorityRow, requested: AuthorityRow): RequestRow {
  return {
    ...n,
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
