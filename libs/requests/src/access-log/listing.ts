import type { RequestRow } from '../request.row';

/**
 * What a list or a search shows of a request without a row in its access log (issue 22,
 * item 4): a confidential request's title is content, and a list page must not log one read
 * per request listed, so a confidential request is listed by its reference, type, state and
 * parties, its title null. The request itself (GET /requests/:id, logged) shows it; `q` matches
 * a confidential request's reference only (RequestsRepository.page).
 */
export function listedRow(r: RequestRow): RequestRow {
  return r.confidential ? { ...r, title: null } : r;
}
