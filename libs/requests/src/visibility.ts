/** Moved to domain/visibility.ts (one visibility rule, pure): kept so imports of './visibility' go on working. */
export * from './domain/visibility';
import type { Principal } from '@mla/identity';
import { sideOf, type VisibilityFacts } from './domain/visibility';

/**
 * Who reads a request's access log (DESIGN §2): the requesting side's supervisors; on the
 * requested side its supervisors and the officers of the requested authority (GET
 * /requests/:id/access-log and RequestDto.mayReadAccessLog both ask this).
 */
export function mayReadAccessLog(p: Principal, r: Pick<VisibilityFacts, 'requestingCountry' | 'requestedCountry' | 'requestedAuthorityId'>): boolean {
  const side = sideOf(p, r);
  if (side === 'REQUESTING') return p.role === 'SUPERVISOR';
  return side === 'REQUESTED' && (p.role === 'SUPERVISOR' || (p.role === 'OFFICER' && p.authorityId === r.requestedAuthorityId));
}
