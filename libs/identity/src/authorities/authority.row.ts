import type { AuthorityNames, AuthorityReach } from '@mla/domain';

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
}
