import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FederationDeliveryHooks, type RejectedMessage } from '@mla/federation';
import { RequestCommands } from '../commands/request-commands';

/**
 * What a peer's signed rejection means for a request (DESIGN §15): a `request.act` the
 * requested node refused (e.g. INVALID_TRANSITION when the other side's act crossed it) is
 * recorded as rejected in the requesting side's history, with its code and reason, and is
 * pending no more; in the transaction that settles the message.
 */
@Injectable()
export class PeerRejections extends FederationDeliveryHooks {
  constructor(private readonly commands: RequestCommands) {
    super();
  }

  async rejected(m: EntityManager, message: RejectedMessage, at: Date): Promise<void> {
    if (message.type !== 'request.act') return;
    await this.commands.recordRejection(m, message.requestId, { messageId: message.id, code: message.code, reason: message.reason, detail: message.detail }, at);
  }
}
