export * from './crypto/content-digest';
export * from './crypto/jwks';
export * from './crypto/message-signature';
export * from './crypto/receipt';
export * from './crypto/shared-event';
export * from './directory/directory-entry';
export * from './directory/directory-jws';
export * from './identity/node-identity';
export * from './intake/envelope';
export * from './intake/raw-body';
export * from './proof/shared-chain';
export * from './proof/counterpart';
export { FederationProofModule } from './proof/federation-proof.module';
export { SharedProof, type SharedCheckReport, type WitnessReport } from './proof/shared-proof.service';
export { sharedEventsPath, type SharedEventsBody } from './proof/shared-events.service';
export * from './intake/message-handler';
export * from './outbox/delivery-hooks';
export * from './files/federation-files.statements';
export { SharedEventsRepository, type StoredSharedEvent } from './shared-life/shared-events.repository';
export { PEER_SIGNATURE_SCHEME } from './intake/intake.controller';
export * from './federation.module';
export * from './federation-core.module';
export * from './outbox/backoff';
export { FederationOutboxWriter, enqueueFederationMessage, envelopeBytes, type FederationMessageInput } from './outbox/enqueue';
export { FederationOutboxRepository } from './outbox/federation-outbox.repository';
export { PeersRepository } from './peers/peers.repository';
export { FederationDeliveryService, type DeliveryReport } from './outbox/federation-delivery.service';
export { FederationWorkerModule } from './outbox/federation-worker.module';
export { FederationDeliverySweeps } from './outbox/federation-delivery.sweeps';
export * from './wake/federation-wake';
export { TransmissionsService } from './outbox/transmissions.service';
export { FILES_PATH, filePath, isSha256Hex, contentDigestOfHex } from './files/file-transfer';
export { FileFetcherService, type FetchReport } from './files/file-fetcher.service';
export { FederationFilesRepository } from './files/federation-files.repository';
export { PeerFilesService, type ReceivedPeerFile } from './files/peer-files.service';
export { PeerFileDto, PeerFileListDto } from './files/peer-file.dto';
export { FederationTransmissionDto, FederationTransmissionListDto } from './outbox/transmission.dto';

/** The federation's routes outside the API prefix (for the app's global prefix exclusions). */
export const FEDERATION_ROOT_ROUTES = [
  { path: '.well-known/mla-hub', method: 'GET' },
  { path: 'federation/v1/messages', method: 'POST' },
  { path: 'federation/v1/directory', method: 'GET' },
  { path: 'federation/v1/requests/:id/shared-events', method: 'GET' },
  { path: 'federation/v1/files/:sha256', method: 'GET' },
] as const;
