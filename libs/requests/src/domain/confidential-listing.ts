import type { RequestRow } from '../request.row';

/**
 * What a list or a search shows of a request without a row in its access log (issue 22,
 * item 4): a confidential request's title is content, and a list page must not log one read
 * per request listed, so a confidential request is listed by its reference, type, state and
 * parties, its title null. The request itself (GET /requests/:id, logged) shows it.
 */
export function listedRow(r: RequestRow): RequestRow {
  return r.confidential ? { ...r, title: null } : r;
}

/** The `q` condition of a list: the reference of any request, the title only of one that is not confidential. */
export function searchCondition(param: string): string {
  return `(r.reference ILIKE ${param} OR (NOT r.confidential AND r.title ILIKE ${param}))`;
}
