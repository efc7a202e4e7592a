/**
 * Which peer a request's shared life is kept with (DESIGN §15), as a pure rule: the side
 * whose authority works on a peer node (PEER), and that authority's country (the peer that
 * serves it is the counterpart). No framework, no I/O.
 */

/** The two sides of a request as the proof needs them: each authority's reach and country, and whether it was sent. */
export interface RequestSides {
  requestingReach: string;
  requestingCountry: string;
  requestedReach: string | null;
  requestedCountry: string | null;
  sent: boolean;
}

/** The side on a peer node and its country; null when neither side is PEER (nothing is shared). */
export interface PeerSide {
  side: 'REQUESTING' | 'REQUESTED';
  country: string;
}

export function counterpartOf(s: RequestSides): PeerSide | null {
  if (s.requestedReach === 'PEER' && s.requestedCountry) return { side: 'REQUESTED', country: s.requestedCountry };
  if (s.requestingReach === 'PEER') return { side: 'REQUESTING', country: s.requestingCountry };
  return null;
}

/**
 * Whether a peer serving `countries` is the request's counterpart, to whom its shared events
 * are shown: the request was sent (nothing of a draft leaves this node), and its PEER side is
 * of a country that peer serves.
 */
export function isCounterpart(s: RequestSides | null, countries: readonly string[]): boolean {
  if (!s || !s.sent) return false;
  const peer = counterpartOf(s);
  return peer !== null && countries.includes(peer.country);
}
