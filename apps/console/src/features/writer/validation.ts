import type { IdentifierKind, RequestType, Schemas } from '@/lib/api/client';
import { zonedIso } from '@/lib/format';

export interface IdentifierValues {
  kind: IdentifierKind;
  value: string;
  /** For an IP address: the wall-clock time it was observed ("2026-11-01T10:00") … */
  observedLocal: string;
  /** … and the zone of that time (IANA). */
  observedZone: string;
}

export interface WriterValues {
  type: RequestType;
  requestedCountry: string;
  requestedAuthorityId: string;
  legalBasis: string;
  treatyName: string;
  channel: string;
  priority: string;
  confidential: boolean;
  neededBy: string;
  relatedRequestId: string;
  title: string;
  offenceDescription: string;
  offenceProvision: string;
  facts: string;
  measures: { value: string }[];
  identifiers: IdentifierValues[];
  /** ISO 639-1: the language the request is written in. */
  language: string;
  /** The extra fields the requested country requires, by key. */
  details: Record<string, string>;
}

export type Country = Schemas['CountryDto'];
export type RequiredDetail = Country['requiredDetails'][number];

/** The extra fields the country requires of a request of this type and legal basis. */
export function detailsFor(country: Country | undefined, type: string, legalBasis: string): RequiredDetail[] {
  return (country?.requiredDetails ?? []).filter(
    (d) => (!d.appliesTo.types || d.appliesTo.types.includes(type as never)) && (!d.appliesTo.legalBases || d.appliesTo.legalBases.includes(legalBasis as never)),
  );
}

/**
 * What the requested country's own rules will refuse at submit (as the API checks them, same
 * field paths): a language it does not accept without a translation into one it does, a channel
 * or legal basis it does not list, a required detail left blank.
 */
export function countryMissing(v: WriterValues, country: Country | undefined, documents: readonly { kind: string; language: string }[]): string[] {
  if (!country) return [];
  const missing: string[] = [];
  const languages = country.languages;
  if (languages && languages.length > 0 && !languages.includes(v.language) && country.translationRequired !== false) {
    const translated = documents.some((d) => d.kind === 'TRANSLATION' && languages.includes(d.language));
    if (!translated) missing.push(country.translationRequired ? 'attachments' : 'language');
  }
  if (country.channels?.length && !country.channels.includes(v.channel as never)) missing.push('channel');
  if (country.legalBases?.length && !country.legalBases.includes(v.legalBasis as never)) missing.push('legalBasis');
  for (const d of detailsFor(country, v.type, v.legalBasis)) if (blank(v.details[d.key])) missing.push(`details.${d.key}`);
  return missing;
}

const blank = (v: string | null | undefined) => !v || v.trim() === '';

/**
 * What `submit` will still refuse (DESIGN §4), as the API's field paths: title, offence
 * description and provision, facts, at least one measure, at least one identifier (except for
 * a WITNESS_STATEMENT), an IP address's time with its zone, and the treaty's name for a
 * BILATERAL_TREATY. Empty: the draft is complete.
 */
export function missingForSubmit(v: WriterValues): string[] {
  const missing: string[] = [];
  if (blank(v.title)) missing.push('title');
  if (blank(v.offenceDescription)) missing.push('offence.description');
  if (blank(v.offenceProvision)) missing.push('offence.provision');
  if (blank(v.facts)) missing.push('facts');
  if (v.measures.filter((m) => !blank(m.value)).length === 0) missing.push('measures');
  if (v.legalBasis === 'BILATERAL_TREATY' && blank(v.treatyName)) missing.push('treatyName');
  const identifiers = v.identifiers.filter((i) => !blank(i.value));
  if (v.type !== 'WITNESS_STATEMENT' && identifiers.length === 0) missing.push('identifiers');
  v.identifiers.forEach((i, n) => {
    if (!blank(i.value) && i.kind === 'IP_ADDRESS' && (blank(i.observedLocal) || blank(i.observedZone))) missing.push(`identifiers[${n}].observedAt`);
  });
  return missing;
}

/** What each step of the writer holds (the API's field paths). */
export const STEP_FIELDS: string[][] = [
  ['type', 'requestedAuthorityId', 'legalBasis', 'treatyName', 'channel', 'priority', 'language'],
  ['title', 'offence.description', 'offence.provision'],
  ['facts', 'measures', 'details'],
  ['identifiers'],
  ['attachments'],
];

export function stepOf(field: string): number {
  const i = STEP_FIELDS.findIndex((fields) => fields.some((f) => field === f || field.startsWith(`${f}[`) || field.startsWith(`${f}.`)));
  return i === -1 ? 0 : i;
}

const orNull = (v: string) => (blank(v) ? null : v.trim());

/** The API body of the draft (POST or PATCH). */
export function toDraftBody(v: WriterValues) {
  return {
    type: v.type,
    requestedAuthorityId: v.requestedAuthorityId,
    legalBasis: v.legalBasis,
    treatyName: v.legalBasis === 'BILATERAL_TREATY' ? orNull(v.treatyName) : null,
    channel: v.channel,
    priority: v.priority,
    language: v.language,
    details: Object.fromEntries(Object.entries(v.details).map(([k, text]) => [k, text.trim()]).filter(([, text]) => text !== '')),
    confidential: v.confidential,
    neededBy: orNull(v.neededBy),
    ...(v.relatedRequestId ? { relatedRequestId: v.relatedRequestId } : {}),
    title: orNull(v.title),
    offence: { description: orNull(v.offenceDescription), provision: orNull(v.offenceProvision) },
    facts: orNull(v.facts),
    measures: v.measures.map((m) => m.value.trim()).filter(Boolean),
    identifiers: v.identifiers
      .filter((i) => !blank(i.value))
      .map((i) => ({
        kind: i.kind,
        value: i.value.trim(),
        ...(i.kind === 'IP_ADDRESS' ? { observedAt: !blank(i.observedLocal) && !blank(i.observedZone) ? zonedIso(i.observedLocal, i.observedZone) : null } : {}),
      })),
  };
}

/** Zones offered for an observed time (the region's first). */
export const ZONES = [
  'Asia/Ho_Chi_Minh',
  'Asia/Singapore',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Kuala_Lumpur',
  'Asia/Manila',
  'Asia/Yangon',
  'Asia/Phnom_Penh',
  'Asia/Vientiane',
  'Asia/Brunei',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

/** An API observedAt ("2026-11-01T10:00:00+07:00") as a wall-clock time and a zone of that offset. */
export function splitObservedAt(observedAt: string | null | undefined, preferred: string[]): { observedLocal: string; observedZone: string } {
  if (!observedAt) return { observedLocal: '', observedZone: preferred[0] ?? 'UTC' };
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(observedAt);
  if (!m) return { observedLocal: '', observedZone: preferred[0] ?? 'UTC' };
  const [, local, offset] = m as unknown as [string, string, string];
  const wanted = offset === 'Z' ? '+00:00' : offset;
  for (const zone of [...preferred, ...ZONES]) {
    if (zonedIso(local, zone).endsWith(wanted)) return { observedLocal: local, observedZone: zone };
  }
  const utc = new Date(observedAt).toISOString().slice(0, 16);
  return { observedLocal: utc, observedZone: 'UTC' };
}
