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
export { TransmissionsService } from './outbox/transmissions.service';
export { FederationTransmissionDto, FederationTransmissionListDto } from './outbox/transmission.dto';

/** The federation's routes outside the API prefix (for the app's global prefix exclusions). */
export const FEDERATION_ROOT_ROUTES = [
  { path: '.well-known/mla-hub', method: 'GET' },
  { path: 'federation/v1/messages', method: 'POST' },
  { path: 'federation/v1/directory', method: 'GET' },
] as const;
