import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Notifications1764000000001 } from './1764000000001-notifications';
import { SupervisionIndexes1764000000002 } from './1764000000002-supervision-indexes';
import { RequestOutcomes1764000000003 } from './1764000000003-request-outcomes';
import { OutboxSettled1764000000004 } from './1764000000004-outbox-settled';
import { FileRefs1764000000005 } from './1764000000005-file-refs';
import { Sessions1764000001000 } from './1764000001000-sessions';
import { EventAudiences1764000003000 } from './1764000003000-event-audiences';
import { AdminAudit1764000004000 } from './1764000004000-admin-audit';
import { WorkingCalendars1764000005000 } from './1764000005000-working-calendars';
import { IdempotencyPath1764000005100 } from './1764000005100-idempotency-path';
import { LettersAttachments1764000006000 } from './1764000006000-letters-attachments';
import { FileQuotaReservations1765000200000 } from './1765000200000-file-quota-reservations';
import { WebhookSecretsSealed1765000300000 } from './1765000300000-webhook-secrets-sealed';
import { EventSalts1765000400000 } from './1765000400000-event-salts';
import { SecondFactor1765000500000 } from './1765000500000-second-factor';
import { AuthorityReachNames1765100000000 } from './1765100000000-authority-reach-names';
import { OfflineCounterparts1765120000000 } from './1765120000000-offline-counterparts';
import { EvidenceTransfer1765160000000 } from './1765160000000-evidence-transfer';
import { Federation1765210000000 } from './1765210000000-federation';
import { LetterSeals1765140000000 } from './1765140000000-letter-seals';
import { LetterRegister1765150000000 } from './1765150000000-letter-register';
import { AuthorityDirectory1765110000000 } from './1765110000000-authority-directory';
import { RequestStatsRollup1765130000000 } from './1765130000000-request-stats-rollup';
import { StatsReads1765250000000 } from './1765250000000-stats-reads';
import { PeerDirectory1765270000000 } from './1765270000000-peer-directory';
import { FederationOutbox1765280000000 } from './1765280000000-federation-outbox';
import { FederationSharedLife1765300000000 } from './1765300000000-federation-shared-life';
import { FederationDecisions1765310000000 } from './1765310000000-federation-decisions';
import { FederationWake1765340000000 } from './1765340000000-federation-wake';

export { REQUEST_OUTCOMES_BACKFILL, REQUEST_OUTCOMES_OF_DEADLINES } from './1764000000003-request-outcomes';
export { DURATION_BINS as STATS_DURATION_BINS, STATS_CELLS_OF_REQUESTS, STATS_MONTHS_OF_CELLS, STATS_ROLLUP_BACKFILL } from './1765130000000-request-stats-rollup';

/** Every migration, in order. Listed explicitly so the same list runs from ts (tests) and js (dist). */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Notifications1764000000001,
  SupervisionIndexes1764000000002,
  RequestOutcomes1764000000003,
  OutboxSettled1764000000004,
  FileRefs1764000000005,
  Sessions1764000001000,
  EventAudiences1764000003000,
  AdminAudit1764000004000,
  WorkingCalendars1764000005000,
  IdempotencyPath1764000005100,
  LettersAttachments1764000006000,
  FileQuotaReservations1765000200000,
  WebhookSecretsSealed1765000300000,
  EventSalts1765000400000,
  SecondFactor1765000500000,
  AuthorityReachNames1765100000000,
  AuthorityDirectory1765110000000,
  OfflineCounterparts1765120000000,
  RequestStatsRollup1765130000000,
  LetterSeals1765140000000,
  LetterRegister1765150000000,
  EvidenceTransfer1765160000000,
  Federation1765210000000,
  StatsReads1765250000000,
  PeerDirectory1765270000000,
  FederationOutbox1765280000000,
  FederationSharedLife1765300000000,
  FederationDecisions1765310000000,
  FederationWake1765340000000,
];
