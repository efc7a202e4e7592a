import { Module } from '@nestjs/common';
import { OutboxModule } from '@mla/outbox';
import { AuditRepository } from './audit.repository';

/** The admin audit: rows written in each admin change's transaction (with its notifications), read by country. */
@Module({
  imports: [OutboxModule],
  providers: [AuditRepository],
  exports: [AuditRepository],
})
export class AuditModule {}
