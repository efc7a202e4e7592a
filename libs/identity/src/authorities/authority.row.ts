import type { AuthorityNames, AuthorityReach, DirectoryChannel } from '@mla/domain';

export const AUTHORITY_KINDS = ['PROSECUTION_OFFICE', 'CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

/** An authority as read from the `authorities` table (schema: the migrations). The webhook secret is read only where it is used. */
export interface AuthorityRow {
  id: string;
  code: string;
  name: string;
  country: string;
  kind: AuthorityKind;
  timezone: string;
  language: string;
  /** DESIGN §14: LOCAL, PEER or OFFLINE. */
  reach: AuthorityReach;
  /** Its name per language (DESIGN §4); `name` is the registered name. */
  names: AuthorityNames;
  webhookUrl: string | null;
  /** The directory's facts (DESIGN §14): where and how it takes correspondence, their source and when they were checked. */
  address: string | null;
  email: string | null;
  /** ISO 639-1 codes of the languages it corresponds in. */
  languages: string[];
  channels: DirectoryChannel[];
  source: string | null;
  /** `YYYY-MM-DD`. */
  lastVerified: string | null;
  /** When an ADMIN retired it: chosen for no new request, keeps its requests. */
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What an admin may set on an authority. */
export interface AuthorityFields {
  code: string;
  name: string;
  country: string;
  kind: AuthorityKind;
  timezone: string;
  language: string;
  reach: AuthorityReach;
  names: AuthorityNames;
  webhookUrl: string | null;
  webhookSecret: string | null;
  address: string | null;
  email: string | null;
  languages: string[];
  channels: DirectoryChannel[];
  source: string | null;
  lastVerified: string | null;
  retiredAt: Date | null;
}
