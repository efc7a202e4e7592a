import type { Principal } from '@mla/identity';
import type { Side } from '@mla/domain';

/** What visibility needs of a request. */
export interface VisibilityFacts {
  requestingAuthorityId: string;
  requestedAuthorityId: string;
  requestingCountry: string;
  requestedCountry: string;
  submittedAt: Date | null;
  sentAt: Date | null;
}

/**
 * Who sees a request (DESIGN §2): the prosecutor's own authority; officers of the
 * requesting country once submitted, and of the requested authority once sent;
 * supervisors of either country (the requested country once sent); never an admin, never
 * a third country.
 */
export function canSee(p: Principal, r: VisibilityFacts): boolean {
  switch (p.role) {
    case 'PROSECUTOR':
      return r.requestingAuthorityId === p.authorityId;
    case 'OFFICER':
      return (
        (r.requestedAuthorityId === p.authorityId && r.sentAt !== null) ||
        (r.requestingCountry === p.country && r.submittedAt !== null)
      );
    case 'SUPERVISOR':
      return r.requestingCountry === p.country || (r.requestedCountry === p.country && r.sentAt !== null);
    default:
      return false;
  }
}

/** The caller's side of a request, or null when on neither. */
export function sideOf(p: Principal, r: Pick<VisibilityFacts, 'requestingCountry' | 'requestedCountry'>): Side | null {
  if (p.country === null) return null;
  if (p.country === r.requestingCountry) return 'REQUESTING';
  if (p.country === r.requestedCountry) return 'REQUESTED';
  return null;
}

/**
 * A country's view of requests as SQL on alias `r`, `country` its parameter: the requests it
 * sends (outgoing), those it receives once sent (incoming), and both (what its supervisors
 * see). The one text of this rule: the list, the overdue queue and the statistics use it.
 */
export const COUNTRY_VISIBILITY_SQL = {
  outgoing: (country: string) => `r.requesting_country = ${country}`,
  incoming: (country: string) => `r.requested_country = ${country} AND r.sent_at IS NOT NULL`,
  either: (country: string) => `(${COUNTRY_VISIBILITY_SQL.outgoing(country)} OR (${COUNTRY_VISIBILITY_SQL.incoming(country)}))`,
};

/** The same rule as a SQL predicate on alias `r`, with its parameters numbered from `first`. */
export function visibilitySql(p: Principal, first: number): { sql: string; params: unknown[] } {
  const a = `$${first}`;
  switch (p.role) {
    case 'PROSECUTOR':
      return { sql: `r.requesting_authority_id = ${a}`, params: [p.authorityId] };
    case 'OFFICER':
      return {
        sql: `((r.requested_authority_id = ${a} AND r.sent_at IS NOT NULL) OR (r.requesting_country = $${first + 1} AND r.submitted_at IS NOT NULL))`,
        params: [p.authorityId, p.country],
      };
    case 'SUPERVISOR':
      return { sql: COUNTRY_VISIBILITY_SQL.either(a), params: [p.country] };
    default:
      return { sql: 'false', params: [] };
  }
}
