import { z } from 'zod';
import { DIRECTORY_CHANNELS, type DirectoryChannel } from '@mla/domain';

/** The kinds of authority a directory lists (as `authorities.kind`). */
export const DIRECTORY_AUTHORITY_KINDS = ['PROSECUTION_OFFICE', 'CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'] as const;
/** The most authorities a node's directory may list. */
export const MAX_DIRECTORY_ENTRIES = 500;

/** One LOCAL authority as a node publishes it to its peers (public facts only: never people, webhooks or secrets). */
export interface DirectoryEntry {
  code: string;
  country: string;
  kind: (typeof DIRECTORY_AUTHORITY_KINDS)[number];
  names: Record<string, string>;
  timezone: string;
  languages: string[];
  channels: DirectoryChannel[];
  address: string | null;
  email: string | null;
}

/** The payload of a node's signed directory (`GET /federation/v1/directory`, DESIGN §15). */
export interface PeerDirectory {
  nodeId: string;
  countries: string[];
  issuedAt: string;
  authorities: DirectoryEntry[];
}

/** One reason a directory is refused: where (`authorities[3].country`) and why. */
export interface DirectoryError {
  field: string;
  message: string;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().min(1).max(max);
const language = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en or vi');
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as SG');

const entry = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'must be 2-40 upper-case letters, digits, - or _'),
  country,
  kind: z.enum(DIRECTORY_AUTHORITY_KINDS),
  names: z.record(language, text(300)).refine((n) => Object.keys(n).length > 0, 'must name the authority in at least one language'),
  timezone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Asia/Singapore'),
  languages: z.array(language).min(1).max(20).refine((l) => new Set(l).size === l.length, 'lists a language twice'),
  channels: z.array(z.enum(DIRECTORY_CHANNELS)).max(DIRECTORY_CHANNELS.length).refine((c) => new Set(c).size === c.length, 'lists a channel twice'),
  address: text(500).nullable(),
  email: z.email().max(254).nullable(),
});

const directory = z.strictObject({
  nodeId: z.string().min(1).max(253),
  countries: z.array(country).min(1).max(50),
  issuedAt: z.iso.datetime({ offset: true }),
  authorities: z.array(entry).max(MAX_DIRECTORY_ENTRIES),
});

const path = (p: readonly PropertyKey[]) => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`)).join('');

/**
 * Reads a peer's directory strictly (DESIGN §15): the shape (no unknown field anywhere), the
 * node it comes from, and every entry of one of the countries that peer serves, each code once.
 * Answers the directory, or every reason it is refused (nothing of a refused directory is kept).
 */
export function readPeerDirectory(payload: unknown, peer: { nodeId: string; countries: readonly string[] }): PeerDirectory | DirectoryError[] {
  const parsed = directory.safeParse(payload);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ field: path(i.path) || '(directory)', message: i.message }));
  const d = parsed.data;
  const errors: DirectoryError[] = [];
  if (d.nodeId !== peer.nodeId) errors.push({ field: 'nodeId', message: `is ${d.nodeId}, but the directory was read from ${peer.nodeId}` });
  const seen = new Set<string>();
  d.authorities.forEach((a, i) => {
    if (!peer.countries.includes(a.country)) errors.push({ field: `authorities[${i}].country`, message: `${a.country} is not a country ${peer.nodeId} serves (${peer.countries.join(', ')})` });
    if (seen.has(a.code)) errors.push({ field: `authorities[${i}].code`, message: `${a.code} is listed twice` });
    seen.add(a.code);
  });
  if (errors.length > 0) return errors;
  return { nodeId: d.nodeId, countries: d.countries, issuedAt: d.issuedAt, authorities: d.authorities as DirectoryEntry[] };
}
