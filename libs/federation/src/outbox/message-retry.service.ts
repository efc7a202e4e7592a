import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditRepository } from '@mla/audit';
import { AppException, Clock, TransactionRunner } from '@mla/core';
import type { Principal } from '@mla/identity';
import { NodeIdentity } from '../identity/node-identity';
import { PeersRepository } from '../peers/peers.repository';
import { FederationOutboxRepository } from './federation-outbox.repository';
import type { FederationTransmissionDto } from './transmission.dto';
import { toTransmissionDto } from './transmissions.service';

/** An ADMIN puts a DEAD message back to PENDING, due now, its attempts counted afresh (audited). */
@Injectable()
export class MessageRetryService {
  constructor(
    private readonly outbox: FederationOutboxRepository,
    private readonly peers: PeersRepository,
    private readonly identity: NodeIdentity,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async retry(admin: Principal, id: string): Promise<FederationTransmissionDto> {
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const message = await this.outbox.lock(m, id);
      if (!message) throw AppException.notFound('Federation message');
      if (message.state !== 'DEAD') throw new AppException('INVALID_TRANSITION', `The message ${id} is ${message.state}: only a DEAD message is retried`);
      const peer = await this.peers.findById(message.peerId, m);
      await this.outbox.requeue(m, id, now);
      await this.audit.record(m, {
        id: randomUUID(), actorUserId: admin.userId, actorEmail: admin.email, action: 'federation_message.retried', targetType: 'FEDERATION_MESSAGE', targetId: id,
        changes: ['state', 'attempts'], before: { state: 'DEAD', attempts: message.attempts, lastError: message.lastError, peer: message.peerNode, type: message.type, requestId: message.requestId },
        after: { state: 'PENDING', attempts: 0 }, countries: [...new Set([...this.identity.countries, ...(peer?.countries ?? [])])].sort(),
      }, [], now);
    });
    const row = await this.outbox.find(id);
    if (!row) throw AppException.notFound('Federation message');
    return toTransmissionDto(row);
  }
}
