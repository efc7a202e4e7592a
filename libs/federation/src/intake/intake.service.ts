import { Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, problemOf, TransactionRunner, type FieldError, type ProblemCode } from '@mla/core';
import { contentDigestOfHash } from '../crypto/content-digest';
import { keyObjectOf } from '../crypto/jwks';
import { verifyRequest } from '../crypto/message-signature';
import { signReceipt, type Receipt } from '../crypto/receipt';
import { NodeIdentity } from '../identity/node-identity';
import type { PeerRow } from '../peers/peer.row';
import { PeersRepository } from '../peers/peers.repository';
import { messageIdOf, readEnvelope } from './envelope';
import { InboxRepository } from './inbox.repository';
import { FederationMessageHandler, isSharedLifeType, type MessageVerdict } from './message-handler';
import type { RawBody } from './raw-body';

/** A request to the intake as the controller hands it over. */
export interface IntakeCall {
  method: string;
  /** The path and query as received (the target URI is this node's NODE_URL and it). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The Content-Type the sender sent. */
  contentType: string;
  body: RawBody;
  requestId: string;
}

/** What the intake answers: a status and a JSON body (a receipt, or a problem carrying its signed receipt). */
export interface IntakeAnswer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** A message refused by its application: the inbox row and every change rolled back. */
class RefusedByHandler extends Error {
  constructor(readonly verdict: Extract<MessageVerdict, { outcome: 'REFUSED' }>) {
    super(verdict.detail);
  }
}

interface Refusal {
  code: ProblemCode;
  reason: string;
  detail: string;
  errors?: FieldError[];
}

/**
 * The intake of peers' messages (DESIGN §15). Checked in this order, each refusal answered
 * with a problem body carrying a receipt signed by this node (status REJECTED and the code)
 * and recording nothing: a body over the limit 413; an unknown key, a bad signature or
 * digest, or a time outside the window 401; a suspended peer 403; a Content-Type other than
 * JSON 415; a malformed envelope 400; `from.node` not the signing peer, or `from.authority`
 * of a country the peer does not serve, 403; `to` not this node or one of its countries 422;
 * the same `id` again with another digest 409. The same `id` with the same digest answers the
 * receipt given the first time. An accepted message is kept verbatim in the inbox, 202. A
 * message of a request's shared life (request.sent, request.event, request.act) is applied
 * (`FederationMessageHandler`) in the transaction that stores it: its refusal (an unknown
 * request or authority, a state the act is not allowed from, an event out of order…) is
 * answered signed, with its code and reason, and records nothing.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly identity: NodeIdentity,
    private readonly peers: PeersRepository,
    private readonly inbox: InboxRepository,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    @Optional() private readonly handler?: FederationMessageHandler,
  ) {}

  async receive(call: IntakeCall): Promise<IntakeAnswer> {
    const key = this.identity.signingKey();
    const now = this.clock.now();
    const bytes = call.body.bytes;
    const digest = call.body.sha256 ? contentDigestOfHash(call.body.sha256) : null;
    const refuse = async (r: Refusal): Promise<IntakeAnswer> => {
      const messageId = bytes ? messageIdOf(bytes) : null;
      const receipt = await signReceipt({ messageId, digest, receivedAt: now.toISOString(), status: 'REJECTED', code: r.code }, key);
      const body = { ...problemOf(r.code, r.detail, r.errors), reason: r.reason, instance: call.url, requestId: call.requestId, receipt };
      return { status: body.status, contentType: 'application/problem+json; charset=utf-8', body };
    };
    if (bytes === null || digest === null) return refuse({ code: 'PAYLOAD_TOO_LARGE', reason: 'TOO_LARGE', detail: `The message is larger than this node takes (${call.body.size} bytes or more)` });

    const verified = await verifyRequest<PeerRow>(
      { method: call.method, targetUri: `${this.identity.url}${call.url}`, headers: { ...call.headers, 'content-type': call.contentType }, body: bytes },
      async (kid) => {
        const peer = await this.peers.findByKeyId(kid);
        const jwk = peer?.jwks.keys.find((k) => k.kid === kid);
        return peer && jwk ? { publicKey: keyObjectOf(jwk), owner: peer } : null;
      },
      now,
    );
    if (!verified.ok) return refuse({ code: 'UNAUTHENTICATED', reason: verified.problem, detail: verified.detail });
    const peer = verified.owner;
    await this.peers.touch(peer.id, now);
    if (peer.state === 'SUSPENDED') return refuse({ code: 'FORBIDDEN', reason: 'PEER_SUSPENDED', detail: `The peer ${peer.nodeId} is suspended on this node` });
    if (!/^application\/json\s*(;|$)/i.test(call.contentType)) return refuse({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'NOT_JSON', detail: 'A message is application/json' });

    const envelope = readEnvelope(bytes);
    if (Array.isArray(envelope)) return refuse({ code: 'VALIDATION_FAILED', reason: 'MALFORMED_ENVELOPE', detail: envelope.map((e) => `${e.field}: ${e.message}`).join('; '), errors: envelope });
    if (envelope.from.node !== peer.nodeId) {
      return refuse({ code: 'FORBIDDEN', reason: 'WRONG_SENDER', detail: `from.node is ${envelope.from.node}, but the message is signed by ${peer.nodeId}` });
    }
    if (!peer.countries.includes(envelope.from.authority.country)) {
      return refuse({ code: 'FORBIDDEN', reason: 'COUNTRY_NOT_SERVED', detail: `${peer.nodeId} serves ${peer.countries.join(', ')}, not ${envelope.from.authority.country}` });
    }
    if (envelope.to.node !== this.identity.nodeId || !this.identity.countries.includes(envelope.to.authority.country)) {
      return refuse({ code: 'RULE_VIOLATED', reason: 'WRONG_RECIPIENT', detail: `The message is for ${envelope.to.node} (${envelope.to.authority.country}); this is ${this.identity.nodeId} (${this.identity.countries.join(', ')})` });
    }

    const messageId = envelope.id.toLowerCase();
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await this.inbox.find(peer.id, messageId);
      if (existing) {
        if (existing.digest === digest) return this.accepted(existing.receipt, messageId, digest);
        return refuse({ code: 'CONFLICT', reason: 'ID_REUSED', detail: `The message ${messageId} was received before with another body (digest ${existing.digest})` });
      }
      const receipt: Receipt = { messageId, digest, receivedAt: now.toISOString(), status: 'ACCEPTED' };
      const jws = await signReceipt(receipt, key);
      const applied = this.handler && isSharedLifeType(envelope.type) ? this.handler : null;
      const entry = {
        id: randomUUID(), peerId: peer.id, messageId, type: envelope.type, requestId: envelope.requestId.toLowerCase(), body: bytes, digest,
        signatureInput: String(call.headers['signature-input']), signature: String(call.headers['signature']), keyId: verified.keyid, receivedAt: now, receipt: jws,
        processedAt: applied ? now : null,
      };
      let stored: { afterCommit?: () => Promise<void> } | null;
      try {
        stored = await this.tx.run(async (m) => {
          if (!(await this.inbox.insert(entry, m))) return null;
          if (!applied) return {};
          const verdict = await applied.apply(m, { envelope, peer, messageId, digest, receivedAt: now });
          if (verdict.outcome === 'REFUSED') throw new RefusedByHandler(verdict);
          return verdict;
        });
      } catch (error) {
        if (error instanceof RefusedByHandler) return refuse(error.verdict);
        throw error;
      }
      if (stored) {
        await stored.afterCommit?.();
        return this.accepted(jws, messageId, digest);
      }
      // Another replica stored the same message in between: answer as a repeat.
    }
    throw new Error(`federation_inbox: message ${messageId} neither stored nor found`);
  }

  private accepted(jws: string, messageId: string, digest: string): IntakeAnswer {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString('utf8')) as Receipt;
    return { status: 202, contentType: 'application/json; charset=utf-8', body: { messageId, digest, receivedAt: payload.receivedAt, status: 'ACCEPTED', receipt: jws } };
  }
}
