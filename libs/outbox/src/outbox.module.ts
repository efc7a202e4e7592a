import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox.writer';

/** The outbox: rows written in each action's transaction, and the relay's claims on them. */
@Module({
  providers: [OutboxWriter, OutboxRepository],
  exports: [OutboxWriter, OutboxRepository],
})
export class OutboxModule {}
