import type { RequestDto } from '@/lib/api/client';
import { enums } from '@/lib/api/generated/api-values';
import { splitObservedAt, type WriterValues } from './validation';

/** The steps of the writer, in order (their labels are writer:steps.<key>). */
export const STEP_KEYS = ['route', 'offence', 'facts', 'identifiers', 'review'] as const;

/** What the route step offers: the API's own values. */
export const CHOICES = {
  types: enums.CreateRequestDto.type,
  legalBases: enums.CreateRequestDto.legalBasis,
  channels: enums.CreateRequestDto.channel,
  priorities: enums.CreateRequestDto.priority,
};

/** Languages a request may be written in (ISO 639-1; the API takes any, these are the ones offered). */
export const LANGUAGES = ['vi', 'en', 'th', 'id', 'ms', 'km', 'lo', 'my', 'tl', 'zh', 'ko', 'ja', 'fr'];

/** A new request: the first of each list the API publishes, ASEAN first (the treaty every ASEAN member accepts). */
export function emptyValues(zone: string, language: string): WriterValues {
  return {
    type: CHOICES.types[0],
    requestedCountry: '',
    requestedAuthorityId: '',
    legalBasis: CHOICES.legalBases[0],
    treatyName: '',
    channel: CHOICES.channels[0],
    priority: CHOICES.priorities[0],
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

/**
 * What submit will refuse: the server's rules run live on the form's values, where the
 * documents decide (a translation the requested country requires) as the saved draft's
 * `missing` says (its documents are attached on the request page).
 */
export function liveMissing(local: string[], saved: RequestDto | null): string[] {
  if (!saved) return local;
  const server = new Set(saved.missing);
  return local.filter((f) => (f !== 'attachments' && f !== 'language') || server.has(f));
}
