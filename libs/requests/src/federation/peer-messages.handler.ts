import { Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { AppException, type ProblemCode, type SqlParams } from '@mla/core';
import { REQUEST_ACTIONS, type RequestAction } from '@mla/domain';
import {
  arrivingFilesStatement, FederationMessageHandler, SharedEventRefused, SharedEventsRepository, verifySharedEvent,
  type IncomingMessage, type MessageVerdict, type SharedEvent,
} from '@mla/federation';
import { AuthoritiesRepository, type AuthorityRow } from '@mla/identity';
import { RequestCommands, type PeerAct } from '../commands/request-commands';
import type { CommandResult, CommandName } from '../commands/command.types';
import { COMMAND_TABLE } from '../domain/request-commands';
import { peerSideOf } from '../domain/shared-life';
import type { EventActor } from '../events/event-builder';
import type { IncomingInput } from '../domain/actions';
import { RequestsRepository } from '../requests.repository';
import { actInput, contentProblems, sameJson } from './peer-input';

type Refused = Extract<MessageVerdict, { outcome: 'REFUSED' }>;

/** A request's reference as nodes give them: country, year, six digits (VN-2026-000005). */
const REFERENCE = /^[A-Z]{2}-\d{4}-\d{6}$/;

/** A refusal of a peer's message: answered signed, nothing recorded. */
class Refusal extends Error {
  constructor(readonly verdict: Refused) {
    super(verdict.detail);
  }
}

const refuse = (code: ProblemCode, reason: string, detail: string): never => {
  throw new Refusal({ outcome: 'REFUSED', code, reason, detail });
};

const OFFICER_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'];

/** The reason a refusal of the write path gives a peer, by its code. */
const REASONS: Partial<Record<ProblemCode, string>> = { NOT_FOUND: 'UNKNOWN_REQUEST', FORBIDDEN: 'NOT_ITS_ACT' };

/**
 * A peer node's messages of a request's shared life (DESIGN §15), applied in the intake's
 * transaction through the one write path:
 * - `request.sent`: the request received, in SENT, its id the requesting node's (the shared
 *   event seq 1 verified and kept, the files it lists arriving);
 * - `request.event`: the requested node's signed event, in order (seq = last + 1, prev = hash of
 *   the last; a later seq answers OUT_OF_ORDER, which the sender retries; the same event again
 *   changes nothing), applied as the PEER counterpart's act, or as this node's pending act it
 *   decided;
 * - `request.act`: a requesting-side act decided here by the state table (then signed by this
 *   node and sent back as a `request.event`), or refused (INVALID_TRANSITION and the reason).
 * Every refusal names its code and reason, and records nothing.
 */
@Injectable()
export class PeerMessagesHandler extends FederationMessageHandler {
  constructor(
    private readonly commands: RequestCommands,
    private readonly requests: RequestsRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly sharedEvents: SharedEventsRepository,
  ) {
    super();
  }

  async apply(m: EntityManager, message: IncomingMessage): Promise<MessageVerdict> {
    try {
      switch (message.envelope.type) {
        case 'request.sent':
          return await this.sent(m, message);
        case 'request.event':
          return await this.event(m, message);
        case 'request.act':
          return await this.act(m, message);
        default:
          return refuse('RULE_VIOLATED', 'UNKNOWN_TYPE', `${message.envelope.type} is no message of a request's shared life`);
      }
    } catch (error) {
      if (error instanceof Refusal) return error.verdict;
      if (error instanceof AppException) return { outcome: 'REFUSED', code: error.code, reason: REASONS[error.code] ?? error.code, detail: error.detail };
      // The transaction is rolled back with the refusal: a value the database refused (the same request received twice at once) is the peer's to correct.
      if (error instanceof QueryFailedError && /^2[23]/.test(String((error as { code?: unknown }).code))) {
        return { outcome: 'REFUSED', code: 'CONFLICT', reason: 'NOT_RECORDED', detail: `The message could not be recorded: ${error.message}` };
      }
      throw error;
    }
  }

  /** request.sent: the request as sent, created here in SENT (DESIGN §15). */
  private async sent(m: EntityManager, message: IncomingMessage): Promise<MessageVerdict> {
    const { envelope, peer } = message;
    const requestId = envelope.requestId.toLowerCase();
    const { jws, event } = await this.sharedEventOf(message);
    if (event.seq !== 1 || event.action !== 'send' || event.toState !== 'SENT') refuse('RULE_VIOLATED', 'BAD_SHARED_EVENT', `request.sent carries the send (seq 1), not ${event.action} (seq ${event.seq})`);
    if (!envelope.content || !sameJson(envelope.content, event.input.content)) refuse('RULE_VIOLATED', 'CONTENT_MISMATCH', 'The content sent is not the content its signed send event names');
    const requested = await this.authority(m, envelope.to.authority);
    if (!requested || requested.reach !== 'LOCAL' || !OFFICER_KINDS.includes(requested.kind)) {
      refuse('RULE_VIOLATED', 'UNKNOWN_AUTHORITY', `${envelope.to.authority.code} is no central authority or 24/7 contact point of this node`);
    }
    const requesting = await this.authority(m, envelope.from.authority);
    if (!requesting || requesting.reach !== 'PEER' || !peer.countries.includes(requesting.country)) {
      refuse('RULE_VIOLATED', 'UNKNOWN_AUTHORITY', `${envelope.from.authority.code} is no PEER authority of ${peer.nodeId} on this node`);
    }
    const [taken] = (await m.query(`SELECT 1 FROM requests WHERE id = $1`, [requestId])) as unknown[];
    if (taken) refuse('CONFLICT', 'REQUEST_EXISTS', `A request ${requestId} exists on this node already`);
    const content = { ...(envelope.content as Record<string, unknown>) };
    // A related request of the requesting node that this node does not hold is not named here.
    if (typeof content.relatedRequestId === 'string') {
      const [held] = (await m.query(`SELECT 1 FROM requests WHERE id::text = $1`, [content.relatedRequestId.toLowerCase()])) as unknown[];
      if (!held) content.relatedRequestId = null;
    }
    const to = requested as AuthorityRow;
    const from = requesting as AuthorityRow;
    const problems = await contentProblems(content, to.id);
    if (problems.length > 0) refuse('RULE_VIOLATED', 'BAD_CONTENT', `The content sent is not a request's: ${problems.slice(0, 10).map((e) => `${e.field} ${e.message}`).join('; ')}`);
    const at = new Date(event.at);
    const { afterCommit } = await this.commands.receiveFromPeer(
      m,
      {
        id: requestId,
        reference: typeof event.input.reference === 'string' && REFERENCE.test(event.input.reference) ? event.input.reference : null,
        content: { ...(content as unknown as IncomingInput), requestedAuthorityId: to.id, requestingAuthorityId: from.id, receivedAt: at.toISOString() },
        requesting: from, requested: to, at,
        actor: await this.peerActor(m, event, from),
        eventInput: { ...event.input, message: { id: message.messageId, node: peer.nodeId } },
      },
      (first, p) => this.keep(message, { requestId, seq: 1, jws, eventSeq: first.seq }, p),
    );
    return { outcome: 'ACCEPTED', afterCommit };
  }

  /** request.event: the requested node's signed event, in order, applied here (DESIGN §15). */
  private async event(m: EntityManager, message: IncomingMessage): Promise<MessageVerdict> {
    const { envelope, peer } = message;
    const requestId = envelope.requestId.toLowerCase();
    const { jws, event } = await this.sharedEventOf(message);
    const locked = await this.requests.lock(m, requestId);
    if (!locked) return refuse('NOT_FOUND', 'UNKNOWN_REQUEST', `No request ${requestId} on this node`);
    const { row } = locked;
    if (peerSideOf(row) !== 'REQUESTED' || !peer.countries.includes(row.requestedCountry)) {
      refuse('RULE_VIOLATED', 'NOT_COUNTERPART', `${peer.nodeId} does not hold the requested side of ${row.reference}: it orders none of its events`);
    }
    const last = await this.sharedEvents.last(m, requestId);
    const lastSeq = last?.seq ?? 0;
    if (event.seq <= lastSeq) {
      const held = await this.sharedEvents.at(m, requestId, event.seq);
      if (held?.jws === jws) return { outcome: 'ACCEPTED' };
      refuse('CONFLICT', 'SEQ_TAKEN', `Shared event ${event.seq} of ${row.reference} is held here with other content`);
    }
    if (event.seq > lastSeq + 1) refuse('CONFLICT', 'OUT_OF_ORDER', `Shared event ${event.seq} of ${row.reference} follows ${lastSeq + 1}, not yet received`);
    if (event.prev !== (last?.hash ?? null)) refuse('CONFLICT', 'BROKEN_CHAIN', `Shared event ${event.seq} does not follow the event ${lastSeq} held here (prev differs)`);
    const action = this.transitionOf(event.action);
    const spec = COMMAND_TABLE[action];
    let peerAct: PeerAct;
    if (event.proposal) {
      const pending = row.pendingAct;
      if (!pending || pending.messageId !== event.proposal.messageId.toLowerCase() || pending.action !== action) {
        refuse('RULE_VIOLATED', 'UNKNOWN_PROPOSAL', `${row.reference} has no pending ${action} proposed by message ${event.proposal.messageId}`);
      }
      peerAct = { kind: 'EVENT', at: new Date(event.at), actor: { ...(pending?.proposer as EventActor) }, decidesPending: true };
    } else {
      if (spec.side === 'REQUESTING') refuse('FORBIDDEN', 'NOT_ITS_ACT', `${action} is the requesting side's act: ${peer.nodeId} decides it only as a proposal`);
      const counterpart = spec.side === null
        ? { userId: null, role: 'SYSTEM', authorityId: row.requestedAuthorityId, authorityCode: row.requestedAuthorityCode, country: row.requestedCountry, node: peer.nodeId }
        : await this.peerActor(m, event, { id: row.requestedAuthorityId, code: row.requestedAuthorityCode, country: row.requestedCountry });
      peerAct = { kind: 'EVENT', at: new Date(event.at), actor: counterpart };
    }
    const input = await this.inputOf(action, event.input, locked.deadlines);
    const { result, afterCommit } = await this.commands.runInThen(m, null, requestId, { name: action, input } as never, {
      peer: peerAct,
      alsoWrite: (r, p) => this.keep(message, { requestId, seq: event.seq, jws, eventSeq: (r.event as NonNullable<CommandResult['event']>).seq }, p),
    });
    if (result.row.state !== event.toState) refuse('CONFLICT', 'DIVERGED', `${action} leads ${row.reference} to ${result.row.state} here, to ${event.toState} on ${peer.nodeId}`);
    return { outcome: 'ACCEPTED', afterCommit };
  }

  /** request.act: a requesting-side act decided here by the state table (DESIGN §15). */
  private async act(m: EntityManager, message: IncomingMessage): Promise<MessageVerdict> {
    const { envelope, peer } = message;
    const requestId = envelope.requestId.toLowerCase();
    const proposal = readProposal(envelope.event);
    if (!proposal) return refuse('VALIDATION_FAILED', 'MALFORMED_EVENT', 'request.act names { action, input, at, actor: { node, authority, role, name } }');
    const locked = await this.requests.lock(m, requestId);
    if (!locked) return refuse('NOT_FOUND', 'UNKNOWN_REQUEST', `No request ${requestId} on this node`);
    const { row } = locked;
    if (peerSideOf(row) !== 'REQUESTING' || !peer.countries.includes(row.requestingCountry)) {
      refuse('RULE_VIOLATED', 'NOT_COUNTERPART', `${peer.nodeId} does not hold the requesting side of ${row.reference}`);
    }
    if (proposal.actor.node !== peer.nodeId || !peer.countries.includes(proposal.actor.authority.country)) {
      refuse('FORBIDDEN', 'WRONG_SENDER', `The act is named as ${proposal.actor.node}'s (${proposal.actor.authority.country}), but ${peer.nodeId} sent it`);
    }
    const action = this.transitionOf(proposal.action);
    if (COMMAND_TABLE[action].side !== 'REQUESTING') refuse('FORBIDDEN', 'NOT_ITS_ACT', `${action} is not the requesting side's act`);
    const input = await this.inputOf(action, proposal.input, locked.deadlines);
    const requesting = { id: row.requestingAuthorityId, code: row.requestingAuthorityCode, country: row.requestingCountry };
    const actor: EventActor = { userId: null, role: proposal.actor.role, authorityId: requesting.id, authorityCode: requesting.code, country: requesting.country, displayName: proposal.actor.name, node: peer.nodeId };
    const { afterCommit } = await this.commands.runInThen(m, null, requestId, { name: action, input } as never, {
      peer: {
        kind: 'ACT', at: message.receivedAt, actor,
        sharedActor: { node: peer.nodeId, authority: { code: requesting.code, country: requesting.country }, role: proposal.actor.role, name: proposal.actor.name },
        proposal: { messageId: message.messageId, digest: message.digest },
      },
    });
    return { outcome: 'ACCEPTED', afterCommit };
  }

  /** The shared event a message carries (`event.shared`), verified with the peer's keys and naming this request and that peer. */
  private async sharedEventOf(message: IncomingMessage): Promise<{ jws: string; event: SharedEvent }> {
    const { envelope, peer } = message;
    const jws = envelope.event.shared;
    if (typeof jws !== 'string' || jws.length > 1_000_000) return refuse('VALIDATION_FAILED', 'MALFORMED_EVENT', `${envelope.type} carries its signed shared event as event.shared`);
    let event: SharedEvent;
    try {
      event = await verifySharedEvent(jws, peer.jwks.keys);
    } catch (error) {
      if (error instanceof SharedEventRefused) return refuse('RULE_VIOLATED', 'BAD_SHARED_EVENT', `The shared event does not verify with ${peer.nodeId}'s keys: ${error.message}`);
      throw error;
    }
    if (event.node !== peer.nodeId) refuse('RULE_VIOLATED', 'BAD_SHARED_EVENT', `The shared event is signed as ${event.node}'s, but ${peer.nodeId} sent it`);
    if (event.requestId.toLowerCase() !== envelope.requestId.toLowerCase()) refuse('RULE_VIOLATED', 'BAD_SHARED_EVENT', 'The shared event names another request');
    // The peer's own act names its authority; a proposal it decided names this node's (checked against the pending act).
    if (!event.proposal && !peer.countries.includes(event.actor.authority.country)) refuse('RULE_VIOLATED', 'BAD_SHARED_EVENT', `The shared event's actor is of ${event.actor.authority.country}, which ${peer.nodeId} does not serve`);
    if (Number.isNaN(Date.parse(event.at))) refuse('RULE_VIOLATED', 'BAD_SHARED_EVENT', 'The shared event has no valid time');
    return { jws, event };
  }

  /** The action a peer names, if it is one of the table's transitions after send. */
  private transitionOf(action: string): RequestAction & CommandName {
    if (!(REQUEST_ACTIONS as readonly string[]).includes(action) || action === 'send' || action === 'submit' || action === 'return') {
      return refuse('RULE_VIOLATED', 'UNKNOWN_ACTION', `${action} is no act of a request's shared life`);
    }
    return action as RequestAction & CommandName;
  }

  /** An act's input as this node's command takes it (an expiry names this node's own deadline). */
  private async inputOf(action: CommandName, shared: Record<string, unknown>, deadlines: { id: string; kind: string; status: string }[]): Promise<Record<string, unknown>> {
    if (action === 'expire') {
      const expiry = deadlines.find((d) => d.kind === 'PRESERVATION_EXPIRY' && (d.status === 'PENDING' || d.status === 'OVERDUE'));
      if (!expiry) return refuse('INVALID_TRANSITION', 'INVALID_TRANSITION', 'No preservation runs here to expire');
      return { deadlineId: expiry.id };
    }
    const read = await actInput(action, shared);
    if ('problems' in read) return refuse('RULE_VIOLATED', 'BAD_INPUT', `${action}: ${read.problems.slice(0, 10).map((e) => `${e.field} ${e.message}`).join('; ')}`);
    return read.input;
  }

  /** Who acted on the peer's node, as this node's history names them (a PEER authority's person). */
  private async peerActor(m: EntityManager, event: SharedEvent, fallback: { id: string; code: string; country: string }): Promise<EventActor> {
    const named = event.actor.authority.code === fallback.code ? null : await this.authority(m, event.actor.authority);
    const authority = named && named.reach === 'PEER' ? named : fallback;
    return { userId: null, role: event.actor.role, authorityId: authority.id, authorityCode: event.actor.authority.code, country: event.actor.authority.country, displayName: event.actor.name, node: event.node };
  }

  private async authority(m: EntityManager, a: { code: string; country: string }): Promise<AuthorityRow | null> {
    const row = await this.authorities.lockByCode(m, a.code);
    return row && row.country === a.country ? row : null;
  }

  /** The shared event kept verbatim with the history event that shows it, and the files it lists arriving. */
  private keep(message: IncomingMessage, e: { requestId: string; seq: number; jws: string; eventSeq: number }, p: SqlParams): string[] {
    const files = arrivingFilesStatement(message.peer.id, e.requestId, message.envelope.files ?? [], message.receivedAt, p);
    return [this.sharedEvents.insertStatement({ ...e, node: message.peer.nodeId }, message.receivedAt, p), ...(files ? [files] : [])];
  }
}

interface Proposal {
  action: string;
  input: Record<string, unknown>;
  at: string;
  actor: { node: string; authority: { code: string; country: string }; role: string; name: string | null };
}

/** A request.act's event, when it has its shape. */
function readProposal(event: Record<string, unknown>): Proposal | null {
  const e = event as Partial<Proposal>;
  const a = e.actor as Partial<Proposal['actor']> | undefined;
  const ok = typeof e.action === 'string' && typeof e.input === 'object' && e.input !== null && !Array.isArray(e.input) && typeof e.at === 'string' &&
    typeof a === 'object' && a !== null && typeof a.node === 'string' && typeof a.role === 'string' && (a.name === null || typeof a.name === 'string') &&
    typeof a.authority === 'object' && a.authority !== null && typeof a.authority.code === 'string' && typeof a.authority.country === 'string';
  return ok ? (e as Proposal) : null;
}
