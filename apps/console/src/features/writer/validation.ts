import { checkCountryRequirements, requiredDetailsFor, type RequestContent } from '@server/request-completeness';
import { missingForSubmit as serverMissingForSubmit, type DraftContent } from '@server/request-content';
import type { IdentifierKind, RequestDto, RequestType, Schemas } from '@/lib/api/client';
import { enums } from '@/lib/api/generated/api-values';
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
type CountryRequirements = NonNullable<Parameters<typeof checkCountryRequirements>[0]>;
export type RequiredDetail = Country['requiredDetails'][number];

/** The extra fields the country requires of a request of this type and legal basis (the server's own rule). */
export function detailsFor(country: Country | undefined, type: string, legalBasis: string): RequiredDetail[] {
  return requiredDetailsFor(country as unknown as CountryRequirements | undefined, type as RequestType, legalBasis as never) as RequiredDetail[];
}

/**
 * What the requested country's own rules will refuse at submit, as the API's field paths: the
 * server's rule (libs/countries request-completeness) run on the form's values and the draft's documents.
 */
export function countryMissing(v: WriterValues, country: Country | undefined, documents: readonly { kind: string; language: string }[]): string[] {
  const body = toDraftBody(v);
  const content = { type: v.type, priority: body.priority, channel: body.channel, legalBasis: body.legalBasis, language: v.language, details: body.details, attachments: documents } as unknown as RequestContent;
  return checkCountryRequirements(country as unknown as CountryRequirements | undefined, content).map((m) => m.field);
}

/**
 * What `submit` will still refuse (DESIGN §4), as the API's field paths: the server's rule
 * (libs/requests request-content) run on the body the form would save. Empty: the draft is complete.
 */
export function missingForSubmit(v: WriterValues): string[] {
  return serverMissingForSubmit(toDraftBody(v) as unknown as DraftContent);
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

const blank = (v: string | null | undefined) => !v || v.trim() === '';
const orNull = (v: string | null | undefined) => (blank(v) ? null : (v as string).trim());
/**
 * A field's text, trimmed; '' for a field the form has registered but not yet given a value
 * (react-hook-form registers a new field, e.g. a country's detail, before its input mounts: a
 * render in between, as happens on a busy machine, sees it undefined).
 */
const text = (v: string | null | undefined) => (v ?? '').trim();

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
    details: Object.fromEntries(Object.entries(v.details ?? {}).map(([k, given]) => [k, text(given)]).filter(([, given]) => given !== '')),
    confidential: v.confidential,
    neededBy: orNull(v.neededBy),
    ...(v.relatedRequestId ? { relatedRequestId: v.relatedRequestId } : {}),
    title: orNull(v.title),
    offence: { description: orNull(v.offenceDescription), provision: orNull(v.offenceProvision) },
    facts: orNull(v.facts),
    measures: v.measures.map((m) => text(m?.value)).filter(Boolean),
    identifiers: v.identifiers
      .filter((i) => !blank(i?.value))
      .map((i) => ({
        kind: i.kind,
        value: text(i.value),
        ...(i.kind === 'IP_ADDRESS' ? { observedAt: !blank(i.observedLocal) && !blank(i.observedZone) ? zonedIso(i.observedLocal, i.observedZone) : null } : {}),
      })),
  };
}

/** A new request: the first of each list the API publishes, ASEAN first (the treaty every ASEAN member accepts). */
export function emptyValues(zone: string, language: string): WriterValues {
  return {
    type: enums.CreateRequestDto.type[0],
    requestedCountry: '',
    requestedAuthorityId: '',
    legalBasis: enums.CreateRequestDto.legalBasis[0],
    treatyName: '',
    channel: enums.CreateRequestDto.channel[0],
    priority: enums.CreateRequestDto.priority[0],
    confidential: false,
    neededBy: '',
    relatedRequestId: '',
    title: '',
    offenceDescription: '',
    offenceProvision: '',
    facts: '',
    measures: [{ value: '' }],
    identifiers: [{ kind: enums.IdentifierDto.kind[0], value: '', observedLocal: '', observedZone: zone }],
    language,
    details: {},
  };
}

/** A saved draft (or the request a follow-up continues) as the form's values. */
export function fromRequest(r: RequestDto, zones: string[]): WriterValues {
  return {
    type: r.type,
    requestedCountry: r.requestedAuthority.country,
    requestedAuthorityId: r.requestedAuthority.id,
    legalBasis: r.legalBasis,
    treatyName: r.treatyName ?? '',
    channel: r.channel,
    priority: r.priority,
    confidential: r.confidential,
    neededBy: r.neededBy ?? '',
    relatedRequestId: r.relatedRequestId ?? '',
    title: r.title ?? '',
    offenceDescription: r.offence?.description ?? '',
    offenceProvision: r.offence?.provision ?? '',
    facts: r.facts ?? '',
    measures: r.measures.length > 0 ? r.measures.map((value) => ({ value })) : [{ value: '' }],
    identifiers:
      r.identifiers.length > 0
        ? r.identifiers.map((i) => ({ kind: i.kind, value: i.value, ...splitObservedAt(i.observedAt, zones) }))
        : r.type === 'WITNESS_STATEMENT'
          ? []
          : [{ kind: enums.IdentifierDto.kind[0], value: '', observedLocal: '', observedZone: zones[0] ?? 'UTC' }],
    language: r.language,
    details: { ...r.details },
  };
}

/** The fields whose problems the writer shows on their inputs (the others in its alert). */
export const SHOWN_FIELDS = ['title', 'offence', 'facts', 'measures', 'identifiers', 'treatyName', 'requestedAuthorityId', 'neededBy', 'language', 'details'];

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
