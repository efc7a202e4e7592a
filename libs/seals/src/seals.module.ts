import { Module } from '@nestjs/common';
import { AuditModule } from '@mla/audit';
import { IdentityDataModule } from '@mla/identity';
import { SealCertificatesController } from './seal-certificates.controller';
import { SealCertificatesService } from './seal-certificates.service';
import { SealStoreModule } from './seal-store.module';

/** The sealing certificates' admin endpoints (API). */
@Module({
  imports: [SealStoreModule, AuditModule, IdentityDataModule],
  controllers: [SealCertificatesController],
  providers: [SealCertificatesService],
})
export class SealsModule {}
