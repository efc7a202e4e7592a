import type { IdentifierKind, LegalBasis, RequestType } from '@mla/domain';

export interface Offence {
  description?: string | null;
  provision?: string | null;
}

export interface Identifier {
  kind: IdentifierKind;
  value: string;
  /** For an IP address: when it was observed, with its time zone offset. */
  observedAt?: string | null;
}

export interface CustodyEntry {
  from: string;
  to: string;
  at: string;
  note?: string;
}

/** What `submit` needs of a draft (DESIGN §4). */
export interface DraftContent {
  type: RequestType;
  legalBasis: LegalBasis;
  treatyName?: string | null;
  title?: string | null;
  offence?: Offence | null;
  facts?: string | null;
  measures?: string[] | null;
  identifiers?: Identifier[] | null;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An ISO 8601 date-time with an explicit zone (Z or ±hh:mm). */
export const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Every field a draft still lacks before it can be submitted, as field paths
 * (`title`, `offence.provision`, `identifiers[0].observedAt`). Empty means complete.
 */
export function missingForSubmit(draft: DraftContent): string[] {
  const missing: string[] = [];
  if (blank(draft.title)) missing.push('title');
  if (blank(draft.offence?.description)) missing.push('offence.description');
  if (blank(draft.offence?.provision)) missing.push('offence.provision');
  if (blank(draft.facts)) missing.push('facts');
  const measures = (draft.measures ?? []).filter((m) => !blank(m));
  if (measures.length === 0) missing.push('measures');
  if (draft.legalBasis === 'BILATERAL_TREATY' && blank(draft.treatyName)) missing.push('treatyName');
  const identifiers = draft.identifiers ?? [];
  if (draft.type !== 'WITNESS_STATEMENT' && identifiers.length === 0) missing.push('identifiers');
  identifiers.forEach((identifier, i) => {
    if (identifier.kind === 'IP_ADDRESS' && (blank(identifier.observedAt) || !ZONED_DATE_TIME.test(identifier.observedAt ?? ''))) {
      missing.push(`identifiers[${i}].observedAt`);
    }
  });
  return missing;
}
