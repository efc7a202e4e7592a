/** Which side of a request an OFFLINE authority is on, and which side keeps the request for both (DESIGN §14). Pure. */
import type { Side } from '@mla/domain';
import type { RequestRow } from './request-row';

type Reaches = Pick<RequestRow, 'requestingAuthorityReach' | 'requestedAuthorityReach'>;

/** The side an OFFLINE authority is on (its acts are recorded here), or null when both work on a hub. */
export function offlineSideOf(r: Reaches): Side | null {
  if (r.requestedAuthorityReach === 'OFFLINE') return 'REQUESTED';
  if (r.requestingAuthorityReach === 'OFFLINE') return 'REQUESTING';
  return null;
}

/** The side facing an OFFLINE counterpart (this node's), which keeps the request for both; null when there is none. */
export function keeperSideOf(r: Reaches): Side | null {
  const offline = offlineSideOf(r);
  return offline === null ? null : offline === 'REQUESTED' ? 'REQUESTING' : 'REQUESTED';
}
