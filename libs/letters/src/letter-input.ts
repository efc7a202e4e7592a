/**
 * What a letter of request says (DESIGN §4, issue 13): a plain object built from the structured
 * request, no database row. Text is printed as written; only labels follow the chosen language.
 */
import type { IdentifierKind, LegalBasis, LetterLayout, Priority, RequestType, SupportingDocumentKind } from '@mla/domain';

export const LETTER_LANGUAGES = ['en', 'vi'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

export interface LetterAuthority {
  code: string;
  /** Its name in the letter's language (`authorityNameIn`). */
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface LetterIdentifier {
  kind: IdentifierKind;
  value: string;
  /** When it was observed, with its zone as written (e.g. "2026-03-01T09:15:00+07:00"), or null. */
  observedAt: string | null;
}

/** Budapest Convention art. 29(2)(c)-(f); (a) is the requesting authority, (b) the offence and facts. */
export interface LetterPreservation {
  /** (c) the stored computer data to be preserved and its relationship to the offence. */
  dataToPreserve: string;
  relationshipToOffence: string;
  /** (d) any available information identifying the custodian or the location of the computer system. */
  custodianOrLocation: string;
  /** (e) the necessity of the preservation. */
  necessity: string;
  /** (f) that a request for mutual assistance will follow (true unless said otherwise). */
  followUpIntended?: boolean;
}

export interface LetterDocument {
  kind: SupportingDocumentKind;
  /** ISO 639-1. */
  language: string;
  fileName: string;
  /** Lower-case hex, 64 characters. */
  sha256: string;
}

export interface LetterContact {
  /** The sending central authority. */
  authority: string;
  officer?: string;
  email?: string;
  phone?: string;
  address?: string;
}

export interface LetterSignatory {
  name: string;
  /** e.g. "Prosecutor" / "Kiểm sát viên", as written. */
  title?: string;
  authority: string;
}

/**
 * How the issuing authority (the requesting authority) heads the letter (Decree 30/2020/NĐ-CP
 * art. 8: the superior authority above the issuing one; the number and symbol from its
 * register; the place before the date). Names and place in the letter's language.
 */
export interface LetterHeading {
  /** The authority above the issuing one (for a procuracy: the central authority), or none. */
  superior?: string | null;
  /** e.g. "TP. Hồ Chí Minh" / "Ho Chi Minh City". */
  place?: string | null;
  /** The number from the issuing authority's register for the year; none in a draft ("Số: …/…"). */
  number?: number | null;
  /** e.g. "VKSHCM-HTQT"; none in a draft. */
  symbol?: string | null;
  /** Authorities that receive a copy, besides the addressee (e.g. the central authority). */
  copyTo?: readonly string[];
}

export interface LetterInput {
  reference: string;
  heading: LetterHeading;
  /** The request's fields, section by section in the order the letter prints them (REQUEST_FIELDS' `letter`). */
  layout: LetterLayout;
  /** A field the letter has no own wording for, printed as label and value (labels in the letter's language). */
  otherFields?: Readonly<Record<string, { label: string; value: string }>>;
  /** The letter's date, YYYY-MM-DD. */
  date: string;
  type: RequestType;
  requesting: LetterAuthority;
  requested: LetterAuthority;
  legalBasis: LegalBasis;
  /** The treaty's name (required in practice for BILATERAL_TREATY; overrides the standard name). */
  treatyName?: string;
  /** Subject and nature of the investigation. */
  title: string;
  offence: { description: string; provision: string };
  facts: string;
  /** The assistance sought, one measure a line. */
  measures: readonly string[];
  identifiers: readonly LetterIdentifier[];
  preservation?: LetterPreservation;
  /** Further particulars the requested country requires (its `requiredDetails`), labels in the letter's language. */
  additionalInformation?: readonly { label: string; value: string }[];
  confidential: boolean;
  confidentialityReason?: string;
  priority: Priority;
  /** YYYY-MM-DD. */
  neededBy?: string | null;
  neededByReason?: string | null;
  documents: readonly LetterDocument[];
  contact: LetterContact;
  signatory: LetterSignatory;
}
