import type { LegalBasis, Priority, RequestType } from '@mla/domain';

/** What deadline planning needs of a request: its policy keys, and each side's country and time zone. */
export interface DeadlineSubject {
  id: string;
  type: RequestType;
  priority: Priority;
  legalBasis: LegalBasis;
  requestingCountry: string;
  requestedCountry: string;
  requestingAuthorityTimezone: string;
  requestedAuthorityTimezone: string;
}
