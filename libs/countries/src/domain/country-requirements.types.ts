/**
 * What a requested country requires of a request it receives (DESIGN §4), as loaded from
 * `config/countries.yaml`. Every fact is optional (left out where no source is known) and every
 * fact given carries its source: a treaty article or a published national law or guide.
 */
import type { Channel, LegalBasis, Priority, RequestType } from '@mla/domain';

/** The facts of a country entry that carry their source in `sources`. */
export const SOURCED_FACTS = ['centralAuthority', 'languages', 'translationRequired', 'channels', 'legalBases'] as const;
export type SourcedFact = (typeof SOURCED_FACTS)[number];

/** A field the country requires beyond DESIGN §4 (e.g. the link between offence and measure). */
export interface RequiredDetail {
  /** camelCase key under the request's `details`. */
  key: string;
  label: { en: string; vi: string };
  /** Requests it applies to: every type / legal basis when a list is absent. */
  appliesTo: { types?: readonly RequestType[]; legalBases?: readonly LegalBasis[] };
  source: string;
}

/**
 * Which channel takes which requests (DESIGN §14): a request may go through `channel` when its
 * type, priority and legal basis are among those listed (every one when a list is absent). E.g.
 * the 24/7 network for preservation (Budapest Convention art. 29, 35) or emergencies, central
 * authorities for the rest.
 */
export interface ChannelRule {
  channel: Channel;
  types?: readonly RequestType[];
  priorities?: readonly Priority[];
  legalBases?: readonly LegalBasis[];
  source: string;
}

export interface CountryRequirements {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
  /** The authority that receives requests. */
  centralAuthority?: string;
  /** ISO 639-1 codes of the languages a request may be written in. */
  languages?: readonly string[];
  /** Whether a request in another language must come with a TRANSLATION into one of `languages`. */
  translationRequired?: boolean;
  channels?: readonly Channel[];
  /** When given, a request's channel must be allowed by one of them (besides being in `channels`). */
  channelRules?: readonly ChannelRule[];
  legalBases?: readonly LegalBasis[];
  requiredDetails: readonly RequiredDetail[];
  /** The source of each fact given above. */
  sources: Readonly<Partial<Record<SourcedFact, string>>>;
}

/** Every country of the file, by code. */
export type CountryRequirementsMap = ReadonlyMap<string, CountryRequirements>;
