/**
 * The sections of a letter of request, in the order of the contents a request must state
 * (ASEAN MLAT 2004 art. 6: the authorities; the purpose and the assistance sought; the nature
 * of the matter, the offence, the facts and the law; the evidence and persons sought; the time
 * limit; confidentiality), the items of Budapest Convention art. 29(2) for a preservation, then
 * the supporting documents and the contact point. A request's fields say in which section and
 * at which place the letter prints them (REQUEST_FIELDS' `letter`, DESIGN §4, issue 18).
 */
export const LETTER_SECTIONS = [
  'authorities',
  'legalBasis',
  'subject',
  'offence',
  'facts',
  'assistance',
  'identifiers',
  'preservation',
  'additional',
  'urgency',
  'confidentiality',
  'documents',
  'contact',
] as const;
export type LetterSection = (typeof LETTER_SECTIONS)[number];

/** Where the letter prints a field: its section and its place in it (lower first). */
export interface LetterPlace {
  readonly section: LetterSection;
  readonly order: number;
  /** The field's label in the letter's languages, for a field the letter has no own wording for. */
  readonly label?: Readonly<Record<string, string>>;
}

/** A letter's fields, section by section in the order of LETTER_SECTIONS, each section's in its order. */
export type LetterLayout = readonly { readonly section: LetterSection; readonly fields: readonly string[] }[];

/** The letter's layout from the places of the fields (fields without a place are not printed). */
export function letterLayoutOf(places: Readonly<Record<string, LetterPlace | undefined>>): LetterLayout {
  return LETTER_SECTIONS.map((section) => ({
    section,
    fields: Object.entries(places)
      .filter((e): e is [string, LetterPlace] => e[1]?.section === section)
      .sort((a, b) => a[1].order - b[1].order)
      .map(([name]) => name),
  }));
}
