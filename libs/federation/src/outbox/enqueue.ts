import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SqlParams } from '@mla/core';
import { contentDigest } from '../crypto/content-digest';
import { NodeIdentity } from '../identity/node-identity';
import type { Envelope } from '../intake/envelope';
import { FederationOutboxRepository } from './federation-outbox.repository';

type Authority = Envelope['from']['authority'];

/** What a producer gives to send a message to a peer (DESIGN §15); the node fills the rest of the envelope. */
export interface FederationMessageInput {
  /** The message's id, when the producer records it beside the message (default: a new UUID). */
  id?: string;
  /** The peer the message goes to (`federation_peers.id`). */
  peerId: string;
  /** The peer's node name (`to.node`). */
  peerNode: string;
  type: string;
  requestId: string;
  fromAuthority: Authority;
  toAuthority: Authority;
  event: Record<string, unknown>;
  content?: Record<string, unknown>;
  files?: Envelope['files'];
}

/** The envelope's bytes as they will be sent, every time: JSON in the order of DESIGN §15. */
export function envelopeBytes(envelope: Envelope): Buffer {
  const { id, type, requestId, from, to, createdAt, event, content, files } = envelope;
  return Buffer.from(JSON.stringify({ id, type, requestId, from, to, createdAt, event, ...(content ? { content } : {}), ...(files ? { files } : {}) }), 'utf8');
}

/**
 * Writes a message to a peer in the caller's transaction (`federationOutbox.enqueue(m, …)`):
 * its envelope serialized once, here, so every attempt sends the same bytes (the receiver's
 * idempotency: same id, same digest). The worker delivers it. Answers the message id.
 */
@Injectable()
export class FederationOutboxWriter {
  constructor(
    private readonly identity: NodeIdentity,
    private readonly outbox: FederationOutboxRepository,
  ) {}

  async enqueue(m: EntityManager, input: FederationMessageInput, at: Date): Promise<string> {
    const p = new SqlParams();
    const { id, sql } = this.insertStatement(input, at, p);
    await m.query(sql, p.values);
    return id;
  }

  /** The message as an INSERT statement, its parameters added to `p`: a producer adds it to its action's one statement. */
  insertStatement(input: FederationMessageInput, at: Date, p: SqlParams): { id: string; sql: string } {
    return federationMessageStatement(this.outbox, { ...input, fromNode: this.identity.nodeId }, at, p);
  }
}

/** enqueue() without Nest: writes the message in the caller's transaction `m`, this node's name given. */
export async function enqueueFederationMessage(m: EntityManager, outbox: FederationOutboxRepository, input: FederationMessageInput & { fromNode: string }, at: Date): Promise<string> {
  const p = new SqlParams();
  const { id, sql } = federationMessageStatement(outbox, input, at, p);
  await m.query(sql, p.values);
  return id;
}

function federationMessageStatement(outbox: FederationOutboxRepository, input: FederationMessageInput & { fromNode: string }, at: Date, p: SqlParams): { id: string; sql: string } {
  const id = input.id ?? randomUUID();
  const envelope: Envelope = {
    id, type: input.type, requestId: input.requestId,
    from: { node: input.fromNode, authority: input.fromAuthority },
    to: { node: input.peerNode, authority: input.toAuthority },
    createdAt: at.toISOString(), event: input.event, content: input.content, files: input.files,
  };
  const body = envelopeBytes(envelope);
  return { id, sql: outbox.insertStatement({ id, peerId: input.peerId, requestId: input.requestId, type: input.type, body, digest: contentDigest(body) }, at, p) };
}
