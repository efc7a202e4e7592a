import { Module } from '@nestjs/common';
import { FederationCoreModule } from '../federation-core.module';
import { ProofRepository } from './proof.repository';
import { SharedProof } from './shared-proof.service';

/** The proof of a request's shared life (DESIGN §15): its shared events checked here, and compared with the peer's copy. */
@Module({
  imports: [FederationCoreModule],
  providers: [ProofRepository, SharedProof],
  exports: [ProofRepository, SharedProof],
})
export class FederationProofModule {}
