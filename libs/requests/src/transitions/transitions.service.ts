import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { AppException, Clock, FieldError, TransactionRunner } from '@mla/core';
import { DeadlinePlanner, DeadlinePolicyHolder, DeadlineScheduler, DeadlinesRepository, effectivePolicy, ScheduleDelta } from '@mla/deadlines';
import { Principal, UsersRepository } from '@mla/identity';
import { missingForSubmit } from '../domain/request-content';
import { acceptedInput, decide, deadlineEffects } from '../domain/request-state-machine';
import type { RequestAction, RequestState } from '@mla/domain';
import type { RequestDto } from '../dto/request.dto';
import type { TransitionDto } from '../dto/transition.dto';
import { actorOf, SYSTEM_ACTOR } from '../events/event-builder';
import { RequestHistory } from '../events/request-history';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { notificationsOf } from '../notification-plan';
import { toRequestDto, versionFromIfMatch } from '../request.presenter';
import type { RequestChanges, RequestRow } from '../request.row';
import { RequestsRepository } from '../requests.repository';
import { RequestsService } from '../requests.service';
import { sideOf } from '../visibility';
import { confirmationRefusal, extensionRefusal, parsePreservedUntil, RuleRefusal } from '@mla/domain';

function refuseIf(r: RuleRefusal | null): void {
  if (r) throw AppException.rule(r.detail, r.errors);
}

type Input = Record<string, unknown>;

/** What one action changes, decided before anything is written. */
interface Plan {
  changes: RequestChanges;
  eventInput: Input;
  preservedUntil?: Date;
  afterWrite?: (m: EntityManager, delta: ScheduleDelta) => Promise<void>;
  notificationData?: Record<string, unknown>;
}

/**
 * Takes a request through the state machine. Each accepted action is one transaction:
 * the request row (locked, so conflicting actions serialise and exactly one wins), one
 * hash-chained event, the deadlines it moves, and the outbox rows of its notifications.
 */
@Injectable()
export class TransitionsService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly requestsService: RequestsService,
    private readonly history: RequestHistory,
    private readonly evidence: EvidenceRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly planner: DeadlinePlanner,
    private readonly scheduler: DeadlineScheduler,
    private readonly policy: DeadlinePolicyHolder,
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Checks that the body carries only the fields of its action (400 otherwise). */
  static checkFields(dto: TransitionDto): Input {
    const accepted = new Set(acceptedInput(dto.action));
    const input: Input = {};
    const errors: FieldError[] = [];
    for (const [field, value] of Object.entries(dto)) {
      if (field === 'action' || value === undefined) continue;
      if (!accepted.has(field)) errors.push({ field, message: `is not accepted by action ${dto.action}` });
      else input[field] = value;
    }
    if (errors.length > 0) throw AppException.validation(errors);
    return input;
  }

  async apply(p: Principal, id: string, dto: TransitionDto, ifMatch: string | undefined): Promise<RequestDto> {
    const input = TransitionsService.checkFields(dto);
    const { row, deadlines, delta } = await this.tx.run(async (m) => {
      const current = await this.requestsService.visibleRow(m, p, id, true);
      return this.transition(m, current, dto.action, input, { principal: p, ifMatch });
    });
    await this.scheduler.applyAfterCommit(delta);
    return toRequestDto(row, deadlines, p);
  }

  /**
   * The system's own action (`expire`), inside the caller's transaction (the deadline
   * worker's), on a request row the caller has locked.
   */
  async applyAsSystem(m: EntityManager, current: RequestRow, action: RequestAction): Promise<{ state: RequestState; delta: ScheduleDelta }> {
    const { row, delta } = await this.transition(m, current, action, {}, { principal: null });
    return { state: row.state, delta };
  }

  private async transition(
    m: EntityManager,
    row: RequestRow,
    action: RequestAction,
    input: Input,
    by: { principal: Principal | null; ifMatch?: string },
  ) {
    const p = by.principal;
    const actor = p ? { role: p.role, side: sideOf(p, row) } : { role: 'SYSTEM' as const, side: null };
    const decision = decide({ state: row.state, type: row.type, resumeState: row.resumeState }, actor, action, input);
    if (!decision.ok && decision.code === 'FORBIDDEN') throw AppException.forbidden(decision.reason);
    if (by.ifMatch !== undefined && versionFromIfMatch(by.ifMatch) !== row.version) {
      throw new AppException('VERSION_CONFLICT', `The request is at version ${row.version}; re-read it and retry`, undefined, {
        currentVersion: row.version,
      });
    }
    if (!decision.ok && decision.code === 'INVALID_TRANSITION') {
      throw new AppException('INVALID_TRANSITION', decision.reason, undefined, { state: row.state, action });
    }
    if (!decision.ok) {
      throw new AppException('REQUEST_INCOMPLETE', decision.reason, (decision.missing ?? []).map((field) => ({ field, message: 'is required' })));
    }

    const now = this.clock.now();
    const plan = await this.plan(m, row, action, input, p, now);
    const homeOfficers = ['submit', 'withdraw'].includes(action) ? await this.requestsService.officerAuthorityIds(row.requestingCountry) : [];
    const { updated } = await this.history.append(m, row, {
      action,
      toState: decision.to,
      actor: p ? actorOf(p) : SYSTEM_ACTOR,
      input: plan.eventInput,
      at: now,
      changes: { ...plan.changes, state: decision.to },
      notify: (event, after) =>
        notificationsOf({
          request: after,
          action,
          fromState: row.state,
          toState: decision.to,
          eventSeq: event.seq,
          occurredAt: now,
          homeOfficerAuthorityIds: homeOfficers,
          data: plan.notificationData,
        }),
    });
    const delta = await this.planner.apply(m, row, deadlineEffects(action, row.type, input), now, { preservedUntil: plan.preservedUntil });
    if (plan.afterWrite) await plan.afterWrite(m, delta);
    return { row: updated, deadlines: await this.deadlines.forRequest(m, row.id), delta };
  }

  /** The action-specific business rules (422) and the changes they make. */
  private async plan(m: EntityManager, row: RequestRow, action: RequestAction, input: Input, p: Principal | null, now: Date): Promise<Plan> {
    const policy = () =>
      effectivePolicy(this.policy.policy, {
        priority: row.priority,
        type: row.type,
        legalBasis: row.legalBasis,
        requestingCountry: row.requestingCountry,
        requestedCountry: row.requestedCountry,
      }).preservation;
    switch (action) {
      case 'submit': {
        const missing = missingForSubmit(row);
        if (missing.length > 0) {
          throw new AppException(
            'REQUEST_INCOMPLETE',
            `The request cannot be submitted: ${missing.join(', ')} missing`,
            missing.map((field) => ({ field, message: 'is required before submit' })),
          );
        }
        return { changes: { submittedAt: row.submittedAt ?? now }, eventInput: input };
      }
      case 'send':
        return {
          changes: { sentAt: now, sendingAuthorityId: p?.authorityId ?? null },
          eventInput: input,
          afterWrite: row.relatedRequestId ? (mm, delta) => this.followUpSent(mm, row, now, delta) : undefined,
        };
      case 'acknowledge':
        await this.checkAssignee(input.assigneeId, row);
        return { changes: { acknowledgedAt: now, ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}) }, eventInput: input };
      case 'start_execution':
        await this.checkAssignee(input.assigneeId, row);
        return {
          changes: {
            ...(input.executingBody ? { executingBody: input.executingBody } : {}),
            ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
          },
          eventInput: input,
        };
      case 'confirm_preservation': {
        const until = parsePreservedUntil(String(input.preservedUntil), row.requestedAuthorityTimezone);
        refuseIf(confirmationRefusal(until, now, policy(), row.requestedAuthorityTimezone));
        return {
          changes: { preservedUntil: until.at, preservationExtensions: 0 },
          eventInput: { ...input, preservedUntil: until.at.toISOString() },
          preservedUntil: until.at,
        };
      }
      case 'extend_preservation': {
        const until = parsePreservedUntil(String(input.preservedUntil), row.requestedAuthorityTimezone);
        refuseIf(extensionRefusal(until, row.preservedUntil as Date, row.preservationExtensions, policy(), row.requestedAuthorityTimezone));
        return {
          changes: { preservedUntil: until.at, preservationExtensions: row.preservationExtensions + 1 },
          eventInput: { ...input, preservedUntil: until.at.toISOString(), previousUntil: row.preservedUntil?.toISOString() },
          preservedUntil: until.at,
        };
      }
      case 'report_delay': {
        const expectedBy = String(input.expectedBy);
        const today = DateTime.fromJSDate(now, { zone: row.requestedAuthorityTimezone }).toISODate() as string;
        if (expectedBy.slice(0, 10) < today) {
          throw AppException.rule('The new expected date lies in the past', [{ field: 'expectedBy', message: `must be ${today} or later` }]);
        }
        return { changes: { delayEstimate: { reason: input.reason, expectedBy, reportedAt: now.toISOString() } }, eventInput: input };
      }
      case 'request_info':
        return { changes: { resumeState: row.state }, eventInput: input };
      case 'provide_info':
        return { changes: { resumeState: null }, eventInput: input };
      case 'deliver_evidence':
        return this.planDelivery(m, row, input, p as Principal, now);
      case 'close': {
        if (input.followUpRequestId !== undefined) {
          if (row.state !== 'PRESERVED') {
            throw AppException.rule('A follow-up request is named only when closing a preservation', [
              { field: 'followUpRequestId', message: 'only for a PRESERVED request' },
            ]);
          }
          const followUp = await this.requests.findFollowUp(m, String(input.followUpRequestId), row.id);
          if (!followUp) {
            throw AppException.rule('The follow-up request does not continue this preservation', [
              { field: 'followUpRequestId', message: 'must name a request whose relatedRequestId is this request' },
            ]);
          }
        }
        return { changes: { outcome: input.outcome, closedAt: now }, eventInput: input };
      }
      case 'refuse':
        return { changes: { refusal: { ground: input.ground, text: input.text }, closedAt: now }, eventInput: input };
      case 'withdraw':
      case 'expire':
        return { changes: { closedAt: now }, eventInput: input };
      default:
        return { changes: {}, eventInput: input };
    }
  }

  private async planDelivery(m: EntityManager, row: RequestRow, input: Input, p: Principal, now: Date): Promise<Plan> {
    const items = input.items as {
      description: string;
      kind: string;
      sha256?: string;
      sizeBytes?: number;
      supersedesId?: string;
      custody?: { from: string; to: string; at: string; note?: string }[];
    }[];
    const missing: FieldError[] = [];
    items.forEach((item, i) => {
      if (item.kind === 'FILE' && !item.sha256) missing.push({ field: `items[${i}].sha256`, message: 'is required for a FILE' });
      if (item.kind === 'FILE' && item.sizeBytes === undefined) missing.push({ field: `items[${i}].sizeBytes`, message: 'is required for a FILE' });
      if (item.description.trim() === '') missing.push({ field: `items[${i}].description`, message: 'is required' });
    });
    if (missing.length > 0) throw new AppException('REQUEST_INCOMPLETE', 'Evidence items lack required details', missing);
    const superseded = items.map((i) => i.supersedesId).filter((x): x is string => !!x);
    const known = await this.evidence.existingIds(m, row.id, superseded);
    const unknown = items
      .map((item, i) => ({ item, i }))
      .filter(({ item }) => item.supersedesId && !known.has(item.supersedesId))
      .map(({ i }) => ({ field: `items[${i}].supersedesId`, message: 'names no evidence item of this request' }));
    if (unknown.length > 0) throw AppException.rule('A superseded item must be an earlier item of this request', unknown);

    const deliveryNo = row.deliveryCount + 1;
    return {
      changes: { deliveryCount: deliveryNo },
      eventInput: { ...input, deliveryNo },
      notificationData: { deliveryNo, itemCount: items.length, final: input.final === true },
      afterWrite: async (mm) => {
        await this.evidence.insertDelivery(
          mm,
          row.id,
          deliveryNo,
          items.map((item) => ({
            description: item.description,
            kind: item.kind,
            sha256: item.sha256?.toLowerCase() ?? null,
            sizeBytes: item.sizeBytes ?? null,
            supersedesId: item.supersedesId ?? null,
            custody: [
              ...(item.custody ?? []),
              { from: row.requestedAuthorityCode, to: row.requestingAuthorityCode, at: now.toISOString(), note: `delivery ${deliveryNo}` },
            ],
          })),
          p.userId,
          now,
        );
      },
    };
  }

  private async checkAssignee(assigneeId: unknown, row: RequestRow): Promise<void> {
    if (assigneeId === undefined) return;
    const user = await this.users.findById(String(assigneeId));
    if (!user || user.role !== 'OFFICER' || user.authorityId !== row.requestedAuthorityId) {
      throw AppException.rule('The assignee must be an officer of the requested authority', [
        { field: 'assigneeId', message: 'names no officer of the requested authority' },
      ]);
    }
  }

  /**
   * A follow-up of a PRESERVED request was sent: that request's PRESERVATION_EXPIRY is met
   * (the data stay preserved until the follow-up is decided), recorded in its own history,
   * and both sides are told.
   */
  private async followUpSent(m: EntityManager, followUp: RequestRow, now: Date, delta: ScheduleDelta): Promise<void> {
    const preserved = await this.requests.findRow(m, followUp.relatedRequestId as string, true);
    if (!preserved || preserved.state !== 'PRESERVED') return;
    const followUpRef = { followUpRequestId: followUp.id, followUpReference: followUp.reference };
    await this.history.append(m, preserved, {
      action: 'follow_up_sent',
      actor: SYSTEM_ACTOR,
      input: followUpRef,
      at: now,
      notify: (event) =>
        notificationsOf({
          request: preserved,
          action: 'follow_up_sent',
          fromState: preserved.state,
          toState: preserved.state,
          eventSeq: event.seq,
          occurredAt: now,
          homeOfficerAuthorityIds: [],
          data: followUpRef,
        }),
    });
    for (const met of await this.deadlines.meet(m, preserved.id, ['PRESERVATION_EXPIRY'], now)) {
      if (met.oldScheduledFor) delta.remove.push({ deadlineId: met.id, at: met.oldScheduledFor });
    }
  }
}
