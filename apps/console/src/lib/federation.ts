/** What the console reads of federation messages (DESIGN §15), shared by the request page and the peers screen. */

/** The key of a message type's words (common:federationMessage.*): request.sent → sent; an unknown type → other. */
export function messageTypeKey(type: string): 'sent' | 'event' | 'act' | 'other' {
  switch (type) {
    case 'request.sent':
      return 'sent';
    case 'request.event':
      return 'event';
    case 'request.act':
      return 'act';
    default:
      return 'other';
  }
}

export type FailureKind = 'unreachable' | 'badAnswer' | 'refusedAddress' | 'local' | 'other';

/**
 * Why an attempt failed, in kind (common:federationFailure.*), read from the outbox's last
 * error: no HTTP answer (connection, timeout, broken) is an unreachable hub; an HTTP status
 * without a valid receipt a bad answer; the outbound policy's refusal of the address; a fault
 * of this node.
 */
export function failureKind(lastError: string): FailureKind {
  if (/^HTTP \d{3}:/.test(lastError)) return 'badAnswer';
  if (/no HTTP answer|did not answer within|broke the connection|answered more than|DNS lookup/.test(lastError)) return 'unreachable';
  if (/failed on this node/.test(lastError)) return 'local';
  if (/must use https|refused|not allowed|private|loopback|resolve/i.test(lastError)) return 'refusedAddress';
  return 'other';
}

/** Whether a request has a counterpart on another MLA Hub node (PEER): only such a request has federation messages to fetch. */
export function crossesNodes(r: { requestingAuthority: { reach: string }; requestedAuthority: { reach: string } }): boolean {
  return r.requestingAuthority.reach === 'PEER' || r.requestedAuthority.reach === 'PEER';
}
