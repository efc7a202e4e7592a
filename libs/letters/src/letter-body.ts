/**
 * The body of a letter of request: numbered sections in the order of the layout the request's
 * descriptor gives (REQUEST_FIELDS' `letter`: ASEAN MLAT 2004 art. 6, Budapest Convention
 * art. 29(2) for a preservation), each field worded by the letter where it has its own wording
 * and printed as label and value where not; the preservation items, the supporting documents
 * and the contact point, which are no field of the request, in their sections. Pure.
 */
import type { LetterSection } from '@mla/domain';
import type { LetterInput, LetterLanguage } from './letter-input';
import { legalBasisName, type LetterLabels } from './letter-labels';
import { PAGE_FURNITURE, type Content, type LetterDocumentDefinition } from './letter-definition';

const regionName = (lang: LetterLanguage, code: string): string => new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;
const languageName = (lang: LetterLanguage, code: string): string => new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' }).of(code) ?? code;

/** Text as written, one paragraph per line of the input (blank lines kept as spacing). */
export const paragraphs = (text: string): Content[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .map((line) => ({ text: line === '' ? ' ' : line, style: 'body' }));

export const field = (label: string, value: Content): Content => ({ text: [{ text: `${label}: `, bold: true }, value], style: 'body' });

export const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#888888',
  vLineColor: () => '#888888',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/**
 * A table's rows with an id on each text of its header and first row. pdfmake lays those rows out
 * as one block (keepWithHeaderRows) and moves the block whole to the next page when it does not
 * fit, and it tells where a moved text's first line went only for a text with an id: the page-break rule
 * (keepHeadingWithBody) then sees that the table left the heading's page.
 */
function placedTracked(table: string, rows: Content[][]): Content[][] {
  const tracked = (c: Content, id: string): Content => {
    if (typeof c !== 'object' || Array.isArray(c)) return c;
    if (Array.isArray(c['stack'])) return { ...c, stack: (c['stack'] as Content[]).map((x, i) => tracked(x, `${id}-${i}`)) };
    return c['text'] === undefined ? c : { ...c, id };
  };
  return rows.map((row, r) => (r < 2 ? row.map((cell, c) => tracked(cell, `${table}-${r}-${c}`)) : row));
}

/** An authority as the letter names it: its name in the letter's language, its code and its country. */
export const authorityLine = (lang: LetterLanguage, a: LetterInput['requesting']): string => `${a.name} (${a.code}, ${regionName(lang, a.country)})`;

interface Context {
  input: LetterInput;
  lang: LetterLanguage;
  L: LetterLabels;
  /** The number of the section that states the facts (the preservation's item (b) refers to it). */
  factsSection: number;
}

/** The request's fields the letter words itself; any other field of the layout is printed as label and value (`otherFields`). */
const WORDED: Record<string, (c: Context) => Content[]> = {
  requestingAuthorityId: ({ input, lang, L }) => [field(L.requestingAuthority, authorityLine(lang, input.requesting))],
  requestedAuthorityId: ({ input, lang, L }) => [field(L.requestedAuthority, authorityLine(lang, input.requested))],
  legalBasis: ({ input, L }) => [{ text: legalBasisName(L, input.legalBasis, input.treatyName), style: 'body' }],
  // The treaty's name is the legal basis's name (above).
  treatyName: () => [],
  title: ({ input }) => [{ text: input.title, style: 'body', bold: true }],
  type: ({ input, L }) => [field(L.requestType, L.types[input.type])],
  offence: ({ input, L }) => [field(L.offenceDescription, input.offence.description), { text: `${L.provision}:`, style: 'body', bold: true }, ...paragraphs(input.offence.provision)],
  facts: ({ input }) => paragraphs(input.facts),
  measures: ({ input }) => [{ ol: input.measures.map((m) => ({ text: m, style: 'body' })), margin: [0, 0, 0, 0] }],
  identifiers: ({ input, L }) => [
    input.identifiers.length === 0
      ? { text: L.none, style: 'body' }
      : {
          table: {
            headerRows: 1,
            keepWithHeaderRows: 1,
            dontBreakRows: true,
            // an observation time with its zone (2026-02-14T21:05:33+07:00) on one line
            widths: [95, '*', 170],
            body: placedTracked('identifiers', [
              L.identifierColumns.map((c) => ({ text: c, style: 'tableHeader' })),
              ...input.identifiers.map((i) => [
                { text: L.identifierKinds[i.kind], style: 'cell' },
                { text: i.value, style: 'cell' },
                { text: i.observedAt ?? '—', style: 'cell' },
              ]),
            ]),
          },
          layout: tableLayout,
        },
  ],
  details: ({ input }) => (input.additionalInformation ?? []).map((a) => ({ stack: [{ text: a.label, style: 'body', bold: true }, ...paragraphs(a.value)], margin: [0, 0, 0, 2] })),
  priority: ({ input, L }) => [field(L.priority, L.priorities[input.priority])],
  neededBy: ({ input, L }) =>
    input.neededBy
      ? [field(L.neededBy, L.formatDate(input.neededBy)), ...(input.neededByReason ? [field(L.reason, input.neededByReason)] : [])]
      : [{ text: L.noTimeLimit, style: 'body' }],
  confidential: ({ input, L }) => [
    { text: input.confidential ? L.confidentialYes : L.confidentialNo, style: 'body' },
    ...(input.confidential && input.confidentialityReason ? [field(L.reason, input.confidentialityReason)] : []),
  ],
};

/** The fields of a request the letter words itself (the others need a label in `otherFields`). */
export const LETTER_WORDED_FIELDS: readonly string[] = Object.freeze(Object.keys(WORDED));

/** What the letter adds to a section besides the request's fields. */
const ADDED: Partial<Record<LetterSection, (c: Context) => Content[]>> = {
  preservation: ({ input, L, factsSection }) => {
    const p = input.preservation;
    if (input.type !== 'PRESERVATION' || !p) return [];
    const item = (letter: string, label: string, body: Content[]): Content => ({
      columns: [
        { width: 18, text: `(${letter})`, style: 'body' },
        { width: '*', stack: [{ text: label, style: 'body', bold: true }, ...body] },
      ],
      margin: [0, 0, 0, 2],
    });
    return [
      item('a', L.preservation.a, [{ text: input.requesting.name, style: 'body' }]),
      item('b', L.preservation.b, [{ text: input.offence.description, style: 'body' }, { text: L.preservation.seeSections(factsSection), style: 'body' }]),
      item('c', L.preservation.c, [...paragraphs(p.dataToPreserve), field(L.preservation.relationship, p.relationshipToOffence)]),
      item('d', L.preservation.d, paragraphs(p.custodianOrLocation)),
      item('e', L.preservation.e, paragraphs(p.necessity)),
      item('f', L.preservation.f, [{ text: p.followUpIntended === false ? L.preservation.fNo : L.preservation.fYes, style: 'body' }]),
    ];
  },
  documents: ({ input, lang, L }) => [
    input.documents.length === 0
      ? { text: L.noDocument, style: 'body' }
      : {
          stack: [
            {
              table: {
                headerRows: 1,
                keepWithHeaderRows: 1,
                dontBreakRows: true,
                widths: [90, 60, '*'],
                body: placedTracked('documents', [
                  L.documentColumns.map((c) => ({ text: c, style: 'tableHeader' })),
                  ...input.documents.map((d) => [
                    { text: L.documentKinds[d.kind], style: 'cell' },
                    { text: languageName(lang, d.language), style: 'cell' },
                    { stack: [{ text: d.fileName, style: 'cell' }, { text: `SHA-256: ${d.sha256}`, style: 'hash' }] },
                  ]),
                ]),
              },
              layout: tableLayout,
            },
            { text: L.hashNote, style: 'note' },
          ],
        },
  ],
  contact: ({ input, L }) => {
    const c = input.contact;
    return [
      { text: c.authority, style: 'body', bold: true },
      ...(c.officer ? [field(L.contact.officer, c.officer)] : []),
      ...(c.email ? [field(L.contact.email, c.email)] : []),
      ...(c.phone ? [field(L.contact.phone, c.phone)] : []),
      ...(c.address ? [field(L.contact.address, c.address)] : []),
    ];
  },
};

/** The numbered sections of the body, in the layout's order; a section with nothing to say is left out. */
export function letterSections(input: LetterInput, lang: LetterLanguage, L: LetterLabels): Content[] {
  const context: Context = { input, lang, L, factsSection: 0 };
  const sections: Content[] = [];
  // worded as they are numbered: the preservation's item (b) names the facts' section, numbered before it
  const worded = input.layout.map((s) => ({
    section: s.section,
    body: () => [
      ...s.fields.flatMap((name) => {
        const own = WORDED[name];
        if (own) return own(context);
        const other = input.otherFields?.[name];
        return other && other.value.trim() !== '' ? [{ stack: [{ text: other.label, style: 'body', bold: true }, ...paragraphs(other.value)], margin: [0, 0, 0, 2] }] : [];
      }),
      ...(ADDED[s.section]?.(context) ?? []),
    ],
  }));
  let number = 0;
  for (const [i, s] of worded.entries()) {
    const body = s.body();
    if (body.length === 0) continue;
    number += 1;
    if (input.layout[i]?.fields.includes('facts')) context.factsSection = number;
    // Space above, never below: a bottom margin at the very end makes pdfmake add an empty page.
    sections.push({ stack: [{ text: `${number}. ${L.sections[s.section]}`, style: 'heading', headlineLevel: 1 }, ...body], margin: [0, 6, 0, 0] });
  }
  return sections;
}

/**
 * pdfmake's page-break rule for the letter: a section's heading moves to the next page when no
 * text of its section follows it on its page, so a heading never ends a page and leaves no more
 * room empty than itself and the first line after it. pdfmake lists the nodes in the order of
 * the document, then the pages' headers and footers (styled PAGE_FURNITURE): the first text after
 * the heading on its page, not theirs, is its section's; a text begins where its first line is
 * (a table's first rows moved to the next page: see placedTracked). A heading in the upper half of a page stays: moving it would leave
 * more than half a page empty (for a section whose start fits on no page).
 */
export const keepHeadingWithBody: LetterDocumentDefinition['pageBreakBefore'] = (node, nodes) => {
  if (node.headlineLevel !== 1 || (node.startPosition?.verticalRatio ?? 0) <= 0.5) return false;
  const page = node.startPosition?.pageNumber;
  return !nodes.getFollowingNodesOnPage().some((n) => n.text !== undefined && !PAGE_FURNITURE.includes(n.style as string) && n.startPosition?.pageNumber === page);
};

/**
 * A section as part of an unbreakable block (the last one, with the closing and the signature):
 * without its heading's `headlineLevel`, since a page break asked for inside an unbreakable block
 * makes pdfmake lose the block.
 */
export function withoutHeadline(section: Content): Content {
  if (typeof section !== 'object' || Array.isArray(section) || !Array.isArray(section['stack'])) return section;
  const [heading, ...rest] = section['stack'] as Content[];
  if (typeof heading !== 'object' || Array.isArray(heading)) return section;
  const { headlineLevel: _dropped, ...plain } = heading;
  return { ...section, stack: [plain, ...rest] };
}
