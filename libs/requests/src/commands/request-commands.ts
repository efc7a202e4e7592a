import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppException, Clock, SqlParams, TransactionRunner } from '@mla/core';
import { chaseIntervalOf, DeadlinePlanner, type DeadlineRow, DeadlineScheduler, DeadlinesRepository, deadlineOutcomes, emptyDelta, executedAtOf, type ScheduleDelta } from '@mla/deadlines';
import type { AuthorityRow, Principal } from '@mla/identity';
import { createRule, incomingRule, newDraftRow, newIncomingRow, prepareOf, ruleOf, type CreateInput, type IncomingInput } from '../domain/actions';
import type { EventAudience, StoredEvent } from '../domain/event-hash';
import { deadlineEffects, decideRule } from '../domain/request-state-machine';
import { COMMAND_TABLE, type CommandSpec } from '../domain/request-commands';
import { actorOf, SYSTEM_ACTOR, type EventActor } from '../events/event-builder';
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
import type { SharedEvent } from '@mla/federation';
import type { ActionPorts, CommandPlan } from '../domain/actions';
import type { PendingAct } from '../domain/request-fields';
import { pendingRefusal, peerSideOf, sharedStepOf } from '../domain/shared-life';
import { ruleViolated } from '../domain/actions/refusal';
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

/**
 * An act that comes from a peer node (DESIGN §15): EVENT, the peer's signed shared event, applied
 * here as its counterpart's act (or as this node's pending act it decided); ACT, a requesting-side
 * act the peer proposes, decided here by the state table (then signed by this node).
 */
export interface PeerAct {
  kind: 'EVENT' | 'ACT';
  /** When it happened (the shared event's `at`; the proposal's). */
  at: Date;
  /** Who acted, as this node's history records it. */
  actor: EventActor;
  /** ACT: who acted, as the shared event this node signs names them. */
  sharedActor?: SharedEvent['actor'];
  /** ACT: the message that proposed it (the shared event's `proposal`). */
  proposal?: { messageId: string; digest: string };
  /** EVENT deciding this node's pending act: it is pending no more. */
  decidesPending?: boolean;
}

export interface RunOptions {
  /** The If-Match version the caller read (NaN: a malformed one, which never matches); undefined: not checked. */
  expectedVersion?: number;
  /** Await the deadline jobs in Redis (the worker), instead of a bounded wait that never fails the action (the API). */
  awaitJobs?: boolean;
  /** More statements made from the command's result, written with it (the answer to an idempotent request). */
  alsoWrite?: (result: CommandResult, p: SqlParams) => string[];
  /** The command is a peer node's act (DESIGN §15). */
  peer?: PeerAct;
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
    const { result, delta } = await this.insertReceived(null, row, requesting, { actor: actorOf(actor), input: { ...input }, at: now });
    await this.scheduler.applyAfterCommit(delta);
    return result;
  }

  /**
   * A request received from a PEER node (`request.sent`, DESIGN §15), in the intake's
   * transaction `m`: as `createIncoming` (in SENT, its first event `receive` seen by both sides,
   * the deadlines a send starts, counted from the send on the peer's node), its id the
   * requesting node's; `alsoWrite` adds the statements made from its first event (the shared
   * event kept verbatim, the files arriving). Answers it and what to run once `m` commits.
   */
  async receiveFromPeer(
    m: EntityManager,
    r: { id: string; reference: string | null; content: IncomingInput; requesting: AuthorityRow; requested: AuthorityRow; actor: EventActor; eventInput: Record<string, unknown>; at: Date },
    alsoWrite: (event: StoredEvent, p: SqlParams) => string[],
  ): Promise<{ result: CommandResult; afterCommit: () => Promise<void> }> {
    const { transmission: _none, ...content } = r.content;
    const row = newIncomingRow(content, { id: r.id, now: r.at, createdBy: null, requesting: r.requesting, requested: r.requested });
    const { result, delta } = await this.insertReceived(m, row, r.requesting, { actor: r.actor, input: r.eventInput, at: r.at }, alsoWrite, r.reference);
    return { result, afterCommit: () => this.scheduler.applyAfterCommit(delta) };
  }

  /** A received request's row in SENT, its first event (`receive`, both sides) and the deadlines a send starts, in one statement. */
  private async insertReceived(
    m: EntityManager | null,
    row: RequestRow,
    requesting: AuthorityRow,
    first: { actor: EventActor; input: Record<string, unknown>; at: Date },
    alsoWrite?: (event: StoredEvent, p: SqlParams) => string[],
    /** The reference the requesting node gave it (a request received from a peer), kept unless this node has it already. */
    givenReference: string | null = null,
  ): Promise<{ result: CommandResult; delta: ScheduleDelta }> {
    const now = first.at;
    const started = this.history.start(row, { action: 'receive', actor: first.actor, input: first.input, at: now, audience: 'BOTH' });
    const plan = this.planner.plan(started.created, [], deadlineEffects('send', row.type), now);
    const outcomes = outcomeChanges(started.created, plan.resulting);
    const created = { ...started.created, ...outcomes } as RequestRow;
    const { submittedAt, sentAt, sendingAuthorityId, transmission } = created;
    const reference = await this.requests.insert(
      created,
      yearIn(requesting.timezone, now),
      (p) => [
        ...started.statements(p), ...this.deadlines.planStatements(plan, now, p), ...statsRollupStatements([{ before: null, after: created, chases: 0 }], p),
        ...(alsoWrite?.(started.event, p) ?? []),
      ],
      { submittedAt, sentAt, sendingAuthorityId, transmission, ...outcomes },
      m ?? undefined,
      givenReference,
    );
    return { result: { row: { ...created, reference }, deadlines: plan.resulting, event: started.event, skipped: false }, delta: plan.delta };
  }

  /**
   * A requesting-side act proposed to the requested node that it rejected (DESIGN §15: its
   * signed REJECTED receipt, e.g. INVALID_TRANSITION when the other side's act crossed it), in
   * the delivery's transaction `m`: the act is pending no more, and the requesting side's
   * history says so with the code and reason (`act_rejected`, its own event). Nothing when the
   * request's pending act is not that message's.
   */
  async recordRejection(m: EntityManager, requestId: string, rejection: { messageId: string; code: string | null; reason: string | null; detail: string | null }, at: Date): Promise<CommandResult | null> {
    const locked = await this.requests.lock(m, requestId);
    const pending = locked?.row.pendingAct ?? null;
    if (!locked || !pending || pending.messageId !== rejection.messageId) return null;
    const { row } = locked;
    const appended = this.history.append(row, {
      action: 'act_rejected', toState: row.state, actor: SYSTEM_ACTOR,
      input: { action: pending.action, messageId: rejection.messageId, code: rejection.code, reason: rejection.reason, detail: rejection.detail, proposedBy: pending.proposer.userId },
      at, changes: { pendingAct: null }, audience: 'REQUESTING',
    });
    const p = new SqlParams();
    await this.requests.writeAll(m, appended.statements(p), p);
    return { row: appended.updated, deadlines: locked.deadlines, event: appended.event, skipped: false };
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
   * Runs a command in the caller's transaction `m` (a peer's message applied in the intake's
   * transaction, DESIGN §15); answers its result and what to run once `m` commits (its deadline jobs).
   */
  async runInThen<N extends CommandName>(m: EntityManager, actor: CommandActor, requestId: string, command: CommandOf<N>, options: RunOptions = {}): Promise<{ result: CommandResult; afterCommit: () => Promise<void> }> {
    const { result, delta } = await this.runLocked(m, actor, requestId, () => command as Command, options);
    return { result: result as CommandResult, afterCommit: () => this.scheduler.applyAfterCommit(delta) };
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
    const now = options.peer?.at ?? options.prepared?.now ?? this.clock.now();
    let last: CommandResult | null = null;
    const deltas: ScheduleDelta[] = [];
    for (let command = choose(locked, now); command; command = options.repeat ? choose(locked, now) : null) {
      const prepared: Prepared[] = [
        await this.prepare(m, actor, locked, command, now, last ? undefined : options.expectedVersion, last ? undefined : options.prepared?.value, last ? undefined : options.peer),
      ];
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
    peer?: PeerAct,
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
    // A peer's act is taken for the side whose act it is (its node checked who may take it there).
    const actingFor = acting.recorded || peer ? { role: spec.role, side: spec.side as Side | null } : undefined;
    const decision = checkOrder(spec, row, actor, input, deadline, expectedVersion, { missingInput: true }, actingFor);
    if (!decision) return skipped(row, locked);
    if (!decision.ok) throw new Error(`${spec.name}: a refused decision passed the checks`);
    const sides = spec.side === 'REQUESTING' || spec.side === 'REQUESTED' ? spec.side : null;
    const step = sharedStepOf({ row, action: spec.name, transition: spec.transition, side: sides, shared: !spec.ownSide, fromPeer: peer?.kind ?? null });
    // A requesting-side SYSTEM transition of a PEER request (an expiry) is the requested node's to order (DESIGN §15).
    if (step === 'NOT_HERE') return skipped(row, locked);
    const ports = this.ports.bind(m);
    if (acting.recorded) await checkCorrespondence(ports, row.id, acting.recordedFrom.documentId);
    // The recorder's name as it is now, kept in the event ("recorded by Trần Thị B"), covered by its hash.
    const recorderName = acting.recorded && actor ? ((await ports.users.findById(actor.userId))?.displayName ?? null) : null;

    const policy = this.planner.policyFor(row);
    const rule = ruleOf(spec.name);
    const plan = rule ? await rule({ locked, row, actor, input, now, deadline, policy, seq: this.history.nextSeq(row), ports, prepared: madeBeforeLock, fromPeer: peer !== undefined }) : {};
    if (step === 'PROPOSE') return this.propose(row, locked, spec, actor, plan.eventInput ?? input, now, ports);
    const effects = spec.transition ? deadlineEffects(spec.name as never, row.type, input) : spec.deadlines;
    const deadlinePlan = this.planner.plan(row, locked.deadlines, effects, now, { preservedUntil: plan.preservedUntil, targeted: plan.targeted, recomputed: plan.recomputed });
    const changes: RequestChanges = {
      ...stampsOf(spec, row, now),
      ...plan.changes,
      ...(decision.to !== row.state ? { state: decision.to } : {}),
      ...outcomeChanges(row, deadlinePlan.resulting),
      ...(peer?.decidesPending ? { pendingAct: null } : {}),
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
          actor: peer ? peer.actor : acting.recorded ? acting.counterpart : actor ? actorOf(actor) : SYSTEM_ACTOR,
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
    const shared = step === 'SIGN' && appended
      ? await this.signShared(ports, row, { action: spec.action, toState: decision.to, input: plan.eventInput ?? input, now, actor, peer, plan, eventSeq: appended.event.seq })
      : null;
    const write = (p: SqlParams): string[] => [
      ...(appended ? appended.statements(p) : [this.requests.touchStatement(row.id, p), ...this.history.notifyOnly(messages(updated, null), now, p)]),
      ...this.deadlines.planStatements(deadlinePlan, now, p),
      ...(plan.alongside?.(p) ?? []),
      ...(shared?.(p) ?? []),
    ];
    const result: CommandResult = { row: updated, deadlines: deadlinePlan.resulting, event: appended?.event ?? null, skipped: false };
    const rolled = { before: row, after: appended?.updated ?? row, chases: spec.name === 'chase' ? 1 : 0 };
    return { result, write, delta: deadlinePlan.delta, then: plan.then, rolled };
  }

  /**
   * A requesting-side act after send to a PEER authority (DESIGN §15): not applied here but
   * proposed, one at a time (409 while another waits), to the requested node, which decides it
   * by the state table. Written: the request's pending act, an internal event of the requesting
   * side (`act_proposed`), and the `request.act` message, in one statement.
   */
  private async propose(row: RequestRow, locked: LockedRequest, spec: CommandSpec, actor: CommandActor, input: Record<string, unknown>, now: Date, ports: ActionPorts): Promise<Prepared> {
    if (!actor) throw new Error(`${spec.name}: a proposed act has a proposer`);
    const peer = await ports.federation.peerServing(row.requestedCountry);
    if (!peer) throw ruleViolated(`${row.requestedAuthorityCode} is on a peer node, but no peer of this node serves ${row.requestedCountry}: an ADMIN peers it first`);
    const waiting = pendingRefusal(row.pendingAct, spec.action, peer.nodeId);
    if (waiting) throw new AppException('INVALID_TRANSITION', waiting, undefined, { state: row.state, action: spec.action, pendingAct: row.pendingAct?.action });
    const name = (await ports.users.findById(actor.userId))?.displayName ?? null;
    const messageId = randomUUID();
    const pendingAct: PendingAct = { action: spec.action, input, proposedAt: now.toISOString(), messageId, proposer: actorOf(actor) };
    const appended = this.history.append(row, {
      action: 'act_proposed', toState: row.state, actor: actorOf(actor), input: { action: spec.action, input, messageId, to: peer.nodeId }, at: now,
      changes: { pendingAct }, audience: 'REQUESTING',
    });
    const message = {
      id: messageId, peerId: peer.id, peerNode: peer.nodeId, type: 'request.act', requestId: row.id,
      fromAuthority: { code: row.requestingAuthorityCode, country: row.requestingCountry },
      toAuthority: { code: row.requestedAuthorityCode, country: row.requestedCountry },
      event: { action: spec.action, input, at: now.toISOString(), actor: { node: ports.federation.node, authority: { code: actor.authorityCode, country: actor.country }, role: actor.role, name } },
    };
    const result: CommandResult = { row: appended.updated, deadlines: locked.deadlines, event: appended.event, skipped: false };
    return {
      result,
      write: (p) => [...appended.statements(p), ports.federation.messageStatement(message, now, p).sql],
      delta: emptyDelta(),
      rolled: { before: row, after: appended.updated, chases: 0 },
    };
  }

  /**
   * A shared event this node signs (DESIGN §15): `send` to a PEER authority (seq 1), or an act
   * of the request's shared life on the requested node (the next seq, chained by the hash of the
   * last): kept verbatim with the history event that shows it, sent to the peer
   * (`request.sent` with the content as sent, or `request.event`) with the files it lists
   * (OUT rows), in the action's statement.
   */
  private async signShared(
    ports: ActionPorts,
    row: RequestRow,
    s: { action: string; toState: string; input: Record<string, unknown>; now: Date; actor: CommandActor; peer?: PeerAct; plan: CommandPlan; eventSeq: number },
  ): Promise<(p: SqlParams) => string[]> {
    const toRequested = peerSideOf(row) === 'REQUESTED';
    const requesting = { code: row.requestingAuthorityCode, country: row.requestingCountry };
    const requested = { code: row.requestedAuthorityCode, country: row.requestedCountry };
    const [own, other] = toRequested ? [requesting, requested] : [requested, requesting];
    const peer = await ports.federation.peerServing(other.country);
    if (!peer) throw ruleViolated(`${other.code} is on a peer node, but no peer of this node serves ${other.country}: an ADMIN peers it first`);
    const last = await ports.federation.lastShared(row.id);
    const node = ports.federation.node;
    const actor: SharedEvent['actor'] = s.peer?.sharedActor
      ?? (s.actor
        ? { node, authority: { code: s.actor.authorityCode ?? own.code, country: s.actor.country ?? own.country }, role: s.actor.role, name: (await ports.users.findById(s.actor.userId))?.displayName ?? null }
        : { node, authority: own, role: 'SYSTEM', name: null });
    const event: SharedEvent = {
      requestId: row.id, seq: (last?.seq ?? 0) + 1, prev: last?.hash ?? null, node, action: s.action, fromState: row.state, toState: s.toState,
      // The send names the request's reference: the requested node files its copy under the same one.
      at: s.now.toISOString(), actor, input: s.action === 'send' ? { ...s.input, reference: row.reference } : s.input, ...(s.peer?.proposal ? { proposal: s.peer.proposal } : {}),
    };
    const jws = await ports.federation.signShared(event);
    const files = s.plan.shared?.files ?? [];
    const message = {
      peerId: peer.id, peerNode: peer.nodeId, type: s.action === 'send' ? 'request.sent' : 'request.event', requestId: row.id,
      fromAuthority: own, toAuthority: other, event: { shared: jws }, content: s.plan.shared?.content,
      files: files.length > 0 ? files.map(({ contentRef: _ref, ...listed }) => listed) : undefined,
    };
    return (p) => {
      const offered = ports.federation.offeredFilesStatement(peer.id, row.id, files, s.now, p);
      return [
        ports.federation.sharedStatement({ requestId: row.id, seq: event.seq, node, jws, eventSeq: s.eventSeq }, s.now, p),
        ports.federation.messageStatement(message, s.now, p).sql,
        ...(offered ? [offered] : []),
      ];
    };
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
  /** Who the command is taken for, when not the caller (an OFFLINE counterpart's act, recorded; a peer node's act). */
  actingFor?: { role: ActorRole; side: Side | null },
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
