import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppException, Clock, SqlParams, TransactionRunner } from '@mla/core';
import { chaseIntervalOf, DeadlinePlanner, type DeadlineRow, DeadlineScheduler, DeadlinesRepository, deadlineOutcomes, emptyDelta, executedAtOf, type ScheduleDelta } from '@mla/deadlines';
import type { Principal } from '@mla/identity';
import { createRule, incomingRule, newDraftRow, newIncomingRow, prepareOf, ruleOf, type CreateInput, type IncomingInput } from '../domain/actions';
import type { EventAudience } from '../domain/event-hash';
import { deadlineEffects, decideRule } from '../domain/request-state-machine';
import { COMMAND_TABLE, type CommandSpec } from '../domain/request-commands';
import { actorOf, SYSTEM_ACTOR } from '../events/event-builder';
import { RequestHistory } from '../events/request-history';
import { audienceOf, notificationData, notificationMessages, requestRef } from '../notification-plan';
import type { RequestChanges, RequestRow } from '../request.row';
import { RequestsRepository } from '../requests.repository';
import { canSee, sideOf } from '../domain/visibility';
import { actingOf, chaseChanges, keeperSide, type Acting } from '../domain/recording';
import type { RolledChange } from '../stats-rollup/stats-cells';
import { statsRollupStatements } from '../stats-rollup/stats-rollup.sql';
import { ActionPortsFactory } from './action-ports.factory';
import type { ActorRole, Side } from '@mla/domain';
import type { ActionPorts } from '../domain/actions';
import type { Command, CommandActor, CommandInputs, CommandName, CommandResult, LockedRequest } from './command.types';

/** A command of one name with its input (N a single name: exactly that command's input). */
export type CommandOf<N extends CommandName> = { name: N; input: CommandInputs[N] };

/** One command made ready to write: its statements' builder, what it answers, its jobs. */
interface Prepared {
  result: CommandResult;
  write: (p: SqlParams) => string[];
  delta: ScheduleDelta;
  then?: { requestId: string; command: Command };
  /** The request before and after, for the statistics' rollup. */
  rolled: RolledChange;
}

export interface RunOptions {
  /** The If-Match version the caller read (NaN: a malformed one, which never matches); undefined: not checked. */
  expectedVersion?: number;
  /** Await the deadline jobs in Redis (the worker), instead of a bounded wait that never fails the action (the API). */
  awaitJobs?: boolean;
  /** More statements made from the command's result, written with it (the answer to an idempotent request). */
  alsoWrite?: (result: CommandResult, p: SqlParams) => string[];
}

/** What a command's `prepare` made before the lock, and the instant it was made for (the command's `now`). */
interface PreparedBeforeLock {
  value: unknown;
  now: Date;
}

export interface CreateOptions {
  /** More statements written with the new request; `referenceSql` names its reference, drawn in the same statement. */
  alsoWrite?: (result: CommandResult, p: SqlParams, referenceSql: string) => string[];
}

/** The year of an instant in a time zone (a reference's year is the requesting country's). */
function yearIn(timezone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(at));
}

const DEADLINE_VERBS: Partial<Record<string, string>> = { extend_deadline: 'extended' };

/**
 * The one write path of a request (DESIGN §3, §9). Every change — the actions of the state
 * machine, draft edit and delete, deadline extension, reassignment, the worker's reminders,
 * escalations and expiry, the follow-up's effect on its preservation — runs here, as one
 * transaction:
 *
 * 1. lock the request row (with its deadlines and home officers, one round trip);
 * 2. 404 when the caller may not see it (or the deadline it names does not exist);
 * 3. the checks of §9 in order: 403 role and side, 412 If-Match, 409 state and type (or the
 *    named deadline's status), 422 missing input (COMMAND_TABLE);
 * 4. the command's own business rule (its definition in `domain/actions`, 422), through ports
 *    bound to the transaction;
 * 5. one history append: the request row, its event, the outbox rows; the deadline changes
 *    and anything the rule adds — all in one statement;
 * 6. after commit, the deadline jobs.
 */
@Injectable()
export class RequestCommands {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly requests: RequestsRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly planner: DeadlinePlanner,
    private readonly scheduler: DeadlineScheduler,
    private readonly history: RequestHistory,
    private readonly ports: ActionPortsFactory,
  ) {}

  /**
   * create: a new draft of the caller's authority (its checks: `createRule`), inserted with
   * the first event of its history in one statement (two round trips in all, no transaction
   * needed). The answer's row is the one a read would give.
   */
  async create(actor: Principal, input: CreateInput, options: CreateOptions = {}): Promise<CommandResult> {
    const { requesting, requested } = await createRule(this.ports.bind(null), actor, input);
    const now = this.clock.now();
    const draft = newDraftRow(input, { id: randomUUID(), now, createdBy: actor.userId, requesting, requested });
    const started = this.history.start(draft, { action: 'create', actor: actorOf(actor), input: { ...input }, at: now, audience: 'REQUESTING' });
    const result: CommandResult = { row: started.created, deadlines: [], event: started.event, skipped: false };
    const reference = await this.requests.insert(started.created, yearIn(requesting.timezone, now), (p, referenceSql) => [
      ...started.statements(p),
      ...statsRollupStatements([{ before: null, after: started.created, chases: 0 }], p),
      ...(options.alsoWrite?.(result, p, referenceSql) ?? []),
    ]);
    return { ...result, row: { ...result.row, reference } };
  }

  /**
   * A request received on paper from an OFFLINE authority (DESIGN §14): its checks
   * (`incomingRule`), then its row in SENT, its first event (`receive`: the content and the
   * transmission as received) and the deadlines a `send` starts, in one statement; after
   * commit, their jobs. The officer attaches the scan next (CORRESPONDENCE).
   */
  async createIncoming(actor: Principal, input: IncomingInput): Promise<CommandResult> {
    const now = this.clock.now();
    const { requesting, requested } = await incomingRule(this.ports.bind(null), actor, input, now);
    const row = newIncomingRow(input, { id: randomUUID(), now, createdBy: actor.userId, requesting, requested });
    const started = this.history.start(row, { action: 'receive', actor: actorOf(actor), input: { ...input }, at: now, audience: 'BOTH' });
    const plan = this.planner.plan(started.created, [], deadlineEffects('send', row.type), now);
    const outcomes = outcomeChanges(started.created, plan.resulting);
    const created = { ...started.created, ...outcomes } as RequestRow;
    const { submittedAt, sentAt, sendingAuthorityId, transmission } = created;
    const reference = await this.requests.insert(
      created,
      yearIn(requesting.timezone, now),
      (p) => [...started.statements(p), ...this.deadlines.planStatements(plan, now, p), ...statsRollupStatements([{ before: null, after: created, chases: 0 }], p)],
      { submittedAt, sentAt, sendingAuthorityId, transmission, ...outcomes },
    );
    await this.scheduler.applyAfterCommit(plan.delta);
    return { row: { ...created, reference }, deadlines: plan.resulting, event: started.event, skipped: false };
  }

  /**
   * Runs one command (its name and its input, typed by CommandInputs) on a request. A command
   * with slow work (`send`: its letter rendered and sealed) does it first, without the lock,
   * on the request as last committed once the checks of §9 pass on it (DESIGN §4); its rule
   * checks under the lock that the request is still that version.
   */
  async run<N extends CommandName>(actor: CommandActor, requestId: string, command: CommandOf<N>, options: RunOptions = {}): Promise<CommandResult> {
    const prepare = prepareOf(command.name);
    let prepared: PreparedBeforeLock | undefined;
    if (prepare) {
      const now = this.clock.now();
      const check = (row: RequestRow | null) => checkBeforeLock(actor, row, command.name, options.expectedVersion);
      prepared = { value: await prepare({ requestId, check, actor, input: command.input, now, ports: this.ports.bind(null) }), now };
    }
    return (await this.runChosen(actor, requestId, () => command as Command, { ...options, prepared })) as CommandResult;
  }

  /**
   * Runs the command `choose` picks once the request is locked and read (null: nothing to
   * do, nothing written). With `repeat`, `choose` is asked again after each command, on the
   * request as that command left it, until it answers null: all in the one transaction (the
   * worker performs every event of a deadline that is due this way).
   */
  async runChosen(
    actor: CommandActor,
    requestId: string,
    choose: (locked: LockedRequest, now: Date) => Command | null,
    options: RunOptions & { repeat?: boolean; prepared?: PreparedBeforeLock } = {},
  ): Promise<CommandResult | null> {
    const { result, delta } = await this.tx.run((m) => this.runLocked(m, actor, requestId, choose, options));
    if (options.awaitJobs) await this.scheduler.apply(delta);
    else await this.scheduler.applyAfterCommit(delta);
    return result;
  }

  /**
   * Runs a command in the caller's transaction `m`: a supporting document's row and event
   * commit with its file's bytes (FileStore.put). Only for commands without deadline effects,
   * whose jobs could otherwise be scheduled before `m` commits.
   */
  async runIn<N extends CommandName>(m: EntityManager, actor: CommandActor, requestId: string, command: CommandOf<N>, options: RunOptions = {}): Promise<CommandResult> {
    const { result, delta } = await this.runLocked(m, actor, requestId, () => command as Command, options);
    if (delta.add.length > 0 || delta.remove.length > 0) throw new Error(`${command.name} changes deadlines: run it with run(), not runIn()`);
    return result as CommandResult;
  }

  /**
   * The checks of DESIGN §9 before the 422 of missing input (404, 403, 412, 409), on the
   * request as last committed, without a lock: an upload is refused before its bytes are
   * read. The command itself checks them all again under the lock.
   */
  async precheck(actor: CommandActor, requestId: string, name: Command['name'], expectedVersion?: number): Promise<RequestRow> {
    return checkBeforeLock(actor, await this.requests.findRow(null, requestId), name, expectedVersion);
  }

  private async runLocked(
    m: EntityManager,
    actor: CommandActor,
    requestId: string,
    choose: (locked: LockedRequest, now: Date) => Command | null,
    options: RunOptions & { repeat?: boolean; prepared?: PreparedBeforeLock },
  ): Promise<{ result: CommandResult | null; delta: ScheduleDelta }> {
    let locked = await this.lockVisible(m, actor, requestId);
    const now = options.prepared?.now ?? this.clock.now();
    let last: CommandResult | null = null;
    const deltas: ScheduleDelta[] = [];
    for (let command = choose(locked, now); command; command = options.repeat ? choose(locked, now) : null) {
      const prepared: Prepared[] = [await this.prepare(m, actor, locked, command, now, last ? undefined : options.expectedVersion, last ? undefined : options.prepared?.value)];
      for (let next = prepared[0]?.then; next; next = prepared[prepared.length - 1]?.then) {
        const related = await this.requests.lock(m, next.requestId);
        if (!related) break;
        prepared.push(await this.prepare(m, null, related, next.command, now, undefined, undefined));
      }
      const params = new SqlParams();
      const first = (prepared[0] as Prepared).result;
      const extra = !last && options.alsoWrite ? options.alsoWrite(first, params) : [];
      const rollup = statsRollupStatements(prepared.map((p) => p.rolled), params);
      await this.requests.writeAll(m, [...prepared.flatMap((p) => p.write(params)), ...rollup, ...extra], params);
      last = first;
      deltas.push(...prepared.map((p) => p.delta));
      locked = { ...locked, row: last.row, deadlines: last.deadlines };
    }
    return { result: last, delta: mergeDeltas(deltas) };
  }

  private async lockVisible(m: EntityManager, actor: CommandActor, requestId: string): Promise<LockedRequest> {
    const locked = await this.requests.lock(m, requestId);
    if (!locked || (actor && !canSee(actor, locked.row))) throw AppException.notFound('Request');
    return locked;
  }

  private async prepare(
    m: EntityManager,
    actor: CommandActor,
    locked: LockedRequest,
    command: Command,
    now: Date,
    expectedVersion: number | undefined,
    madeBeforeLock: unknown,
  ): Promise<Prepared> {
    const spec = COMMAND_TABLE[command.name];
    const { row } = locked;
    const given = command.input as Record<string, unknown>;
    const deadline = spec.deadline ? (locked.deadlines.find((d) => d.id === given.deadlineId) ?? null) : null;
    if (spec.deadline && !deadline) throw AppException.notFound('Deadline');

    // An OFFLINE counterpart's act, recorded from its correspondence by this side's officer (DESIGN §14): the same command, taken for the counterpart.
    const acting: Acting = actingOf(spec.name, spec, row, actor, given, now);
    const { recordedFrom: _recordedFrom, ...own } = given;
    const input = acting.recorded ? own : given;
    const decision = checkOrder(spec, row, actor, input, deadline, expectedVersion, { missingInput: true }, acting.recorded ? { role: spec.role, side: spec.side as never } : undefined);
    if (!decision) return skipped(row, locked);
    if (!decision.ok) throw new Error(`${spec.name}: a refused decision passed the checks`);
    const ports = this.ports.bind(m);
    if (acting.recorded) await checkCorrespondence(ports, row.id, acting.recordedFrom.documentId);
    // The recorder's name as it is now, kept in the event ("recorded by Trần Thị B"), covered by its hash.
    const recorderName = acting.recorded && actor ? ((await ports.users.findById(actor.userId))?.displayName ?? null) : null;

    const policy = this.planner.policyFor(row);
    const rule = ruleOf(spec.name);
    const plan = rule ? await rule({ locked, row, actor, input, now, deadline, policy, seq: this.history.nextSeq(row), ports, prepared: madeBeforeLock }) : {};
    const effects = spec.transition ? deadlineEffects(spec.name as never, row.type, input) : spec.deadlines;
    const deadlinePlan = this.planner.plan(row, locked.deadlines, effects, now, { preservedUntil: plan.preservedUntil, targeted: plan.targeted, recomputed: plan.recomputed });
    const changes: RequestChanges = {
      ...stampsOf(spec, row, now),
      ...plan.changes,
      ...(decision.to !== row.state ? { state: decision.to } : {}),
      ...outcomeChanges(row, deadlinePlan.resulting),
    };
    if (spec.transition || spec.name === 'chase') {
      Object.assign(changes, chaseChanges(row, {
        action: spec.name,
        toState: decision.to,
        recordedFrom: acting.recorded ? acting.recordedFrom : null,
        transmission: (changes.transmission as RequestRow['transmission'] | undefined) ?? null,
        chaser: spec.name === 'chase' ? (input as { channel: string; dispatchedAt: string }) : null,
        now,
      }, (channel) => chaseIntervalOf(policy, channel)));
    }
    const data = { ...(spec.recorded ? { action: spec.action, fromState: row.state, toState: decision.to } : {}), ...plan.notificationData };

    const messages = (after: RequestRow, eventSeq: number | null) =>
      spec.notify
        ? notificationMessages({
            type: spec.notify.type,
            request: requestRef(after),
            eventSeq,
            at: now,
            data: notificationData(after, data),
            recipients: plan.recipients ?? audienceOf(after, spec.notify.audience, locked.homeOfficerAuthorityIds),
          })
        : [];
    const actorSide = actor ? sideOf(actor, row) : null;
    const sent = row.sentAt !== null || changes.sentAt !== undefined;
    // DESIGN §2: before send, everything is the requesting side's own; after, a command's own event is shared unless internal.
    const audience: EventAudience = !sent ? 'REQUESTING' : spec.ownSide && actorSide ? actorSide : 'BOTH';
    const appended = spec.recorded
      ? this.history.append(row, {
          action: spec.action,
          toState: decision.to,
          actor: acting.recorded ? acting.counterpart : actor ? actorOf(actor) : SYSTEM_ACTOR,
          input: plan.eventInput ?? input,
          recorded: acting.recorded && actor ? { recorder: { ...actorOf(actor), displayName: recorderName }, recordedFrom: { ...acting.recordedFrom } } : undefined,
          at: now,
          changes,
          audience,
          followedBy: plan.internal ? [{ ...plan.internal, audience: !sent ? 'REQUESTING' : (actorSide ?? 'BOTH') }] : undefined,
          notify: (e, after) => messages({ ...after, ...plan.view }, e.seq),
        })
      : null;
    const updated: RequestRow = { ...(appended?.updated ?? row), ...plan.view };
    const write = (p: SqlParams): string[] => [
      ...(appended ? appended.statements(p) : [this.requests.touchStatement(row.id, p), ...this.history.notifyOnly(messages(updated, null), now, p)]),
      ...this.deadlines.planStatements(deadlinePlan, now, p),
      ...(plan.alongside?.(p) ?? []),
    ];
    const result: CommandResult = { row: updated, deadlines: deadlinePlan.resulting, event: appended?.event ?? null, skipped: false };
    const rolled = { before: row, after: appended?.updated ?? row, chases: spec.name === 'chase' ? 1 : 0 };
    return { result, write, delta: deadlinePlan.delta, then: plan.then, rolled };
  }
}

/** `precheck` on a request already read (null: none). */
function checkBeforeLock(actor: CommandActor, row: RequestRow | null, name: Command['name'], expectedVersion: number | undefined): RequestRow {
  if (!row || (actor && !canSee(actor, row))) throw AppException.notFound('Request');
  checkOrder(COMMAND_TABLE[name], row, actor, {}, null, expectedVersion, { missingInput: false });
  return row;
}

/**
 * The checks of DESIGN §9, in order: 403 role and side, 412 If-Match, 409 state and type (or
 * the named deadline's status), 422 missing input (unless `missingInput` is false). Answers
 * the decision, or null when the command does nothing from this state (skipUnlessFrom).
 */
function checkOrder(
  spec: CommandSpec,
  row: RequestRow,
  actor: CommandActor,
  input: Record<string, unknown>,
  deadline: DeadlineRow | null,
  expectedVersion: number | undefined,
  options: { missingInput: boolean },
  /** Who the command is taken for, when not the caller (an OFFLINE counterpart's act, recorded). */
  actingFor?: { role: ActorRole; side: Side },
): ReturnType<typeof decideRule> | null {
  const side = spec.side === 'DEADLINE_PARTY' ? (deadline?.party ?? null) : spec.side === 'KEEPER' ? keeperSide(row) : spec.side;
  const rule = { ...spec, side };
  const decision = decideRule(rule, row, actingFor ?? { role: actor?.role ?? 'SYSTEM', side: actor ? sideOf(actor, row) : null }, input);
  if (!decision.ok && decision.code === 'FORBIDDEN') throw AppException.forbidden(forbiddenReason(spec, row, deadline?.party ?? null, decision.reason));
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new AppException('VERSION_CONFLICT', `The request is at version ${row.version}; re-read it and retry`, undefined, {
      currentVersion: row.version,
    });
  }
  if (!decision.ok && decision.code === 'INVALID_TRANSITION') {
    if (spec.skipUnlessFrom) return null;
    throw new AppException('INVALID_TRANSITION', decision.reason, undefined, { state: row.state, action: spec.action });
  }
  if (deadline && spec.deadline && !spec.deadline.statuses.includes(deadline.status)) {
    throw new AppException('INVALID_TRANSITION', `A ${deadline.status} deadline cannot be ${DEADLINE_VERBS[spec.name] ?? 'changed'}`);
  }
  if (!decision.ok && options.missingInput) {
    throw new AppException('REQUEST_INCOMPLETE', decision.reason, (decision.missing ?? []).map((field) => ({ field, message: 'is required' })));
  }
  return decision;
}

/** The instants a command records the first time it happens. */
function stampsOf(spec: CommandSpec, row: RequestRow, now: Date): RequestChanges {
  const changes: RequestChanges = {};
  for (const stamp of spec.stamps) if (row[stamp] === null) changes[stamp] = now;
  return changes;
}

/** What the statistics keep of the deadlines (DESIGN §8), when the plan changed it. */
function outcomeChanges(row: RequestRow, deadlines: DeadlineRow[]): RequestChanges {
  const outcomes = deadlineOutcomes(deadlines);
  const executedAt = executedAtOf(deadlines);
  return {
    ...(outcomes.some((n, i) => n !== row.deadlineOutcomes[i]) ? { deadlineOutcomes: outcomes } : {}),
    ...(executedAt?.getTime() !== row.executedAt?.getTime() ? { executedAt } : {}),
  };
}

function forbiddenReason(spec: CommandSpec, row: RequestRow, deadlineParty: string | null, reason: string): string {
  if (spec.name === 'edit' || spec.name === 'delete') return `Only a prosecutor of the requesting authority may have a draft ${spec.name === 'edit' ? 'edited' : 'deleted'}`;
  if (spec.name === 'extend_deadline') {
    const country = deadlineParty === 'REQUESTING' ? row.requestingCountry : row.requestedCountry;
    return `Only a supervisor of ${country}, whose side holds this deadline, may extend it`;
  }
  if (spec.name === 'reassign') return `Only a supervisor of ${row.requestedCountry}, the requested country, assigns the officer who handles it`;
  return reason;
}

/** The letter an act is recorded from: a CORRESPONDENCE document of this request (422 otherwise). */
async function checkCorrespondence(ports: ActionPorts, requestId: string, documentId: string): Promise<void> {
  const found = UUID.test(documentId) ? await ports.documents.find(requestId, documentId) : null;
  if (!found || found.kind !== 'CORRESPONDENCE') {
    throw AppException.rule('The act is recorded from a letter attached to this request', [
      { field: 'recordedFrom.documentId', message: 'names no CORRESPONDENCE document of this request' },
    ]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function skipped(row: RequestRow, locked: LockedRequest): Prepared {
  return { result: { row, deadlines: locked.deadlines, event: null, skipped: true }, write: () => [], delta: emptyDelta(), rolled: { before: row, after: row, chases: 0 } };
}

function mergeDeltas(deltas: ScheduleDelta[]): ScheduleDelta {
  return { add: deltas.flatMap((d) => d.add), remove: deltas.flatMap((d) => d.remove) };
}
