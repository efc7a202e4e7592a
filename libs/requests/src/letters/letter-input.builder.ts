/**
 * The letter of request's input built from the structured request (issue 13): pure, so the
 * API's GET …/letter and the frozen letter of `send` say the same thing of the same request.
 * Content is printed as written; the labels of the requested country's extra fields follow
 * the letter's language.
 */
import { authorityNameIn, type LetterLayout } from '@mla/domain';
import { LETTER_WORDED_FIELDS, type LetterInput, type LetterLanguage } from '@mla/letters';
import type { RequiredDetail } from '@mla/countries';
import type { RequestRow } from '../request.row';
import { LETTER_LAYOUT, REQUEST_FIELDS, type RequestFieldName } from '../domain/request-fields';
import type { LetterAuthorityNames } from './letters.repository';

export interface LetterPeople {
  /** The prosecutor who drafted it: the signature block. */
  drafter: { displayName: string; email: string } | null;
  /** The officer who sent it (or sends it now): the contact point. */
  sender: { displayName: string; email: string } | null;
  /** The authority that sends it: the central authority or 24/7 point (null before send: the requesting authority). */
  sendingAuthority: LetterAuthorityNames | null;
  /** The request's authorities with their names per language (absent: the row's names). */
  requesting?: LetterAuthorityNames;
  requested?: LetterAuthorityNames;
  /** The authority above the requesting one in the heading (the central authority), if any. */
  superior?: LetterAuthorityNames | null;
  /** The requesting authority's letterhead: its symbol and its place per language. */
  letterhead?: { symbol: string | null; places: Record<string, string> } | null;
}

export interface LetterFacts {
  row: RequestRow;
  documents: readonly { kind: LetterInput['documents'][number]['kind']; language: string; fileName: string; sha256: string }[];
  people: LetterPeople;
  /** The requested country's extra fields (countries file), for their labels. */
  requiredDetails: readonly RequiredDetail[];
  /** The letter's date (YYYY-MM-DD): the day it is sent, or today for a draft. */
  date: string;
  language: LetterLanguage;
  /** The number and symbol from the requesting authority's register (given at `send`); none: a draft's "Số: …/…". */
  number?: { number: number; symbol: string } | null;
  /** The order of the letter's fields (default: the descriptor's, REQUEST_FIELDS' `letter`). */
  layout?: LetterLayout;
}

const SIGNATORY_TITLE: Record<LetterLanguage, string> = { en: 'Prosecutor', vi: 'Kiểm sát viên' };

/** The day of an instant in a time zone, YYYY-MM-DD. */
export function dayIn(timezone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const WORDED = new Set(LETTER_WORDED_FIELDS);
const asText = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

export function letterInputOf({ row, documents, people, requiredDetails, date, language, number, layout = LETTER_LAYOUT }: LetterFacts): LetterInput {
  const labels = new Map(requiredDetails.map((d) => [d.key, d.label[language]]));
  const additionalInformation = Object.entries(row.details)
    .filter(([, value]) => value.trim() !== '')
    .map(([key, value]) => ({ label: labels.get(key) ?? key, value }));
  const nameOf = (a: LetterAuthorityNames | undefined, fallback: string) => authorityNameIn(a ?? { name: fallback }, language);
  const requestingName = nameOf(people.requesting, row.requestingAuthorityName);
  const superior = people.superior ? authorityNameIn(people.superior, language) : null;
  const places = people.letterhead?.places ?? {};
  // A field of the layout the letter has no own wording for: its label (the descriptor's) and its value as written.
  const otherFields = Object.fromEntries(
    layout
      .flatMap((s) => s.fields)
      .filter((name) => !WORDED.has(name) && name in REQUEST_FIELDS)
      .map((name) => [name, { label: REQUEST_FIELDS[name as RequestFieldName].letter?.label?.[language] ?? name, value: asText((row as Record<string, unknown>)[name]) }]),
  );
  return {
    reference: row.reference,
    date,
    heading: {
      superior,
      place: places[language] ?? places['en'] ?? null,
      number: number?.number ?? null,
      symbol: number?.symbol ?? null,
      copyTo: superior ? [superior] : [],
    },
    layout,
    otherFields,
    type: row.type,
    requesting: { code: row.requestingAuthorityCode, name: requestingName, country: row.requestingCountry },
    requested: { code: row.requestedAuthorityCode, name: nameOf(people.requested, row.requestedAuthorityName), country: row.requestedCountry },
    legalBasis: row.legalBasis,
    treatyName: row.treatyName ?? undefined,
    title: row.title ?? '',
    offence: { description: row.offence?.description ?? '', provision: row.offence?.provision ?? '' },
    facts: row.facts ?? '',
    measures: row.measures.filter((m) => m.trim() !== ''),
    identifiers: row.identifiers.map((i) => ({ kind: i.kind, value: i.value, observedAt: i.observedAt ?? null })),
    additionalInformation,
    confidential: row.confidential,
    priority: row.priority,
    neededBy: row.neededBy,
    documents: documents.map((d) => ({ kind: d.kind, language: d.language, fileName: d.fileName, sha256: d.sha256 })),
    contact: {
      authority: people.sendingAuthority ? authorityNameIn(people.sendingAuthority, language) : requestingName,
      officer: people.sender?.displayName,
      email: people.sender?.email,
    },
    signatory: { name: people.drafter?.displayName ?? '', title: SIGNATORY_TITLE[language], authority: requestingName },
  };
}

/** The language of the letter as sent: the requested country's own when letters are rendered in it (Viet Nam: Vietnamese), English otherwise. */
export function sentLetterLanguage(countryLanguages: readonly string[] | undefined, letterLanguages: readonly LetterLanguage[]): LetterLanguage {
  const own = (countryLanguages ?? []).find((l): l is LetterLanguage => (letterLanguages as readonly string[]).includes(l) && l !== 'en');
  return own ?? 'en';
}
