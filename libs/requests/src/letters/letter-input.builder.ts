/**
 * The letter of request's input built from the structured request (issue 13): pure, so the
 * API's GET …/letter and the frozen letter of `send` say the same thing of the same request.
 * Content is printed as written; the labels of the requested country's extra fields follow
 * the letter's language.
 */
import type { LetterInput, LetterLanguage } from '@mla/letters';
import type { RequiredDetail } from '@mla/countries';
import type { RequestRow } from '../request.row';

export interface LetterPeople {
  /** The prosecutor who drafted it: the signature block. */
  drafter: { displayName: string; email: string } | null;
  /** The officer who sent it (or sends it now): the contact point. */
  sender: { displayName: string; email: string } | null;
  /** The authority that sends it: the central authority or 24/7 point (null before send: the requesting authority). */
  sendingAuthorityName: string | null;
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
}

const SIGNATORY_TITLE: Record<LetterLanguage, string> = { en: 'Prosecutor', vi: 'Kiểm sát viên' };

/** The day of an instant in a time zone, YYYY-MM-DD. */
export function dayIn(timezone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function letterInputOf({ row, documents, people, requiredDetails, date, language }: LetterFacts): LetterInput {
  const labels = new Map(requiredDetails.map((d) => [d.key, d.label[language]]));
  const additionalInformation = Object.entries(row.details)
    .filter(([, value]) => value.trim() !== '')
    .map(([key, value]) => ({ label: labels.get(key) ?? key, value }));
  return {
    reference: row.reference,
    date,
    type: row.type,
    requesting: { code: row.requestingAuthorityCode, name: row.requestingAuthorityName, country: row.requestingCountry },
    requested: { code: row.requestedAuthorityCode, name: row.requestedAuthorityName, country: row.requestedCountry },
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
      authority: people.sendingAuthorityName ?? row.requestingAuthorityName,
      officer: people.sender?.displayName,
      email: people.sender?.email,
    },
    signatory: { name: people.drafter?.displayName ?? '', title: SIGNATORY_TITLE[language], authority: row.requestingAuthorityName },
  };
}

/** The language of the letter as sent: the requested country's own when letters are rendered in it (Viet Nam: Vietnamese), English otherwise. */
export function sentLetterLanguage(countryLanguages: readonly string[] | undefined, letterLanguages: readonly LetterLanguage[]): LetterLanguage {
  const own = (countryLanguages ?? []).find((l): l is LetterLanguage => (letterLanguages as readonly string[]).includes(l) && l !== 'en');
  return own ?? 'en';
}
