/**
 * The directory of authorities (DESIGN §14), as loaded from `config/directory.yaml`: the central
 * authorities and 24/7 contact points a node knows, each with the source its facts come from
 * and the date they were last checked. A fact without a source is left out of the file, so
 * `address` and `email` are optional.
 */
import type { DirectoryChannel } from '@mla/domain';

export const DIRECTORY_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

export interface DirectoryEntry {
  /** Stable code, e.g. `US-OIA`; the authority's code once loaded. */
  code: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  kind: DirectoryKind;
  /** Its name per language (ISO 639-1 → name); `en` always. */
  names: Readonly<Record<string, string>>;
  /** IANA time zone. */
  timezone: string;
  /** ISO 639-1 codes of the languages it corresponds in, the first one its language. */
  languages: readonly string[];
  /** Postal address for correspondence (only where a source gives it). */
  address?: string;
  /** E-mail address for correspondence (only where a source gives it). */
  email?: string;
  /** How it takes correspondence (only where a source says). */
  channels: readonly DirectoryChannel[];
  /** Where the facts come from: a URL or a document. */
  source: string;
  /** The day the entry was last checked against its source, `YYYY-MM-DD`. */
  lastVerified: string;
}

/** Every entry of the file, by code. */
export type Directory = ReadonlyMap<string, DirectoryEntry>;
