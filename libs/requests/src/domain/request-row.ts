import type { AuthorityReach } from '@mla/domain';
import type { DescribedRow } from './request-fields';

/** A request as read with its two authorities: what every read and action works from (its own columns: REQUEST_FIELDS). */
export type RequestRow = DescribedRow & {
  requestingAuthorityCode: string;
  requestingAuthorityName: string;
  requestingAuthorityTimezone: string;
  requestingAuthorityReach: AuthorityReach;
  requestedAuthorityCode: string;
  requestedAuthorityName: string;
  requestedAuthorityTimezone: string;
  requestedAuthorityReach: AuthorityReach;
};
