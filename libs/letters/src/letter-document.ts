/**
 * The letter as a pdfmake document definition (pure: no I/O), read as its own language's
 * official document (DESIGN §4): in Vietnamese, the layout of Decree 30/2020/NĐ-CP
 * (`letter-document-vi.ts`); in English, a formal letter of request (letterhead, reference,
 * number, place and date, addressee, title and subject line, body, signature block,
 * enclosures, copies). The body's sections follow the request's layout (`letter-body.ts`). The
 * signature block is never alone on a page: it is one unbreakable block with the closing
 * paragraph.
 */
import type { LetterInput, LetterLanguage } from './letter-input';
import { LETTER_LABELS, legalBasisName } from './letter-labels';
import { authorityLine, keepHeadingWithBody, letterSections, withoutHeadline } from './letter-body';
import { LETTER_FONT_FAMILY, type Content, type LetterDocumentDefinition, type LetterParts } from './letter-definition';
import { decree30Document } from './letter-document-vi';

export { LETTER_FONT_FAMILY, type Content, type LetterDocumentDefinition, type LetterParts } from './letter-definition';

function partsOf(input: LetterInput, lang: LetterLanguage): LetterParts {
  const L = LETTER_LABELS[lang];
  const title = input.type === 'PRESERVATION' ? L.titlePreservation : L.title;
  return {
    L,
    title,
    basis: legalBasisName(L, input.legalBasis, input.treatyName),
    sections: letterSections(input, lang, L),
    info: {
      title: `${input.reference}: ${input.title}`,
      author: input.requesting.name,
      subject: title,
      creator: 'MLA Hub',
      producer: 'MLA Hub (pdfmake)',
      // The letter's date, not the rendering time: the same letter renders to the same bytes.
      creationDate: new Date(`${input.date}T00:00:00Z`),
    },
    // A section heading never ends a page, and moves only when the start of its section would not follow it.
    pageBreakBefore: keepHeadingWithBody,
  };
}

/** Builds the document definition of the letter in the chosen language. */
export function buildLetterDocument(input: LetterInput, lang: LetterLanguage): LetterDocumentDefinition {
  const parts = partsOf(input, lang);
  return lang === 'vi' ? decree30Document(input, parts) : formalLetter(input, parts);
}

/** The English letter: a formal letter of request. */
function formalLetter(input: LetterInput, { L, title, basis, sections, info, pageBreakBefore }: LetterParts): LetterDocumentDefinition {
  const h = input.heading;
  const s = input.signatory;
  const copies = (h.copyTo ?? []).map(L.forInformation);
  // The last section (the contact point), the closing paragraph and the signature block: one block, never apart.
  const body = sections.slice(0, -1);
  const signature: Content = {
    unbreakable: true,
    stack: [
      ...sections.slice(-1).map(withoutHeadline),
      { text: L.closing(input.requesting.name, input.requested.name), style: 'body', margin: [0, 10, 0, 8] },
      ...(L.valediction ? [{ text: L.valediction, style: 'body' }] : []),
      { text: L.signatureSeal, style: 'note', color: '#555555', margin: [0, 4, 0, 40] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.5 }] },
      { text: s.name || ' ', style: 'body', bold: true, margin: [0, 4, 0, 0] },
      ...(s.title ? [{ text: s.title, style: 'body' }] : []),
      { text: s.authority, style: 'body' },
      {
        margin: [0, 14, 0, 0],
        stack: [
          { text: `${L.enclosures}:`, style: 'small', bold: true },
          input.documents.length === 0
            ? { text: L.noDocument, style: 'small' }
            : { ol: input.documents.map((d) => ({ text: `${L.documentKinds[d.kind]}: ${d.fileName}`, style: 'small' })), style: 'small' },
          ...(copies.length > 0 ? [{ text: `${L.recipients}:`, style: 'small', bold: true, margin: [0, 6, 0, 0] }, ...copies.map((c) => ({ text: c, style: 'small' }))] : []),
        ],
      },
    ],
  };
  return {
    pageSize: 'A4',
    pageMargins: [62, 62, 56, 54],
    info,
    language: 'en',
    header: () => ({
      margin: [62, 24, 56, 0],
      columns: [
        { width: '*', text: input.confidential ? `${L.headerTitle} · ${L.confidentialMark}` : L.headerTitle, style: 'pageHeader' },
        { width: 'auto', text: `${L.reference}: ${input.reference}`, style: 'pageHeader', alignment: 'right', bold: true },
      ],
    }),
    footer: (currentPage, pageCount) => ({ text: L.page(currentPage, pageCount), alignment: 'center', style: 'pageFooter', margin: [62, 16, 56, 0] }),
    content: [
      // letterhead
      ...(h.superior ? [{ text: h.superior.toUpperCase(), style: 'letterheadSuperior' }] : []),
      { text: input.requesting.name.toUpperCase(), style: 'letterhead' },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 477, y2: 0, lineWidth: 0.8 }], margin: [0, 4, 0, 10] },
      {
        columns: [
          {
            width: '*',
            stack: [
              { text: L.to, style: 'small', color: '#555555' },
              { text: input.requested.name, style: 'body', bold: true },
              { text: authorityLine('en', input.requested).slice(input.requested.name.length + 1), style: 'body' },
            ],
          },
          {
            width: 210,
            stack: [
              { text: `${L.ourReference}: ${input.reference}`, style: 'body', alignment: 'right' },
              { text: L.letterNumber(h.number, h.symbol), style: 'body', alignment: 'right' },
              { text: L.placeDate(h.place, input.date), style: 'body', alignment: 'right' },
              ...(input.confidential ? [{ text: L.confidentialMark, style: 'body', bold: true, alignment: 'right' }] : []),
            ],
          },
        ],
        margin: [0, 0, 0, 12],
      },
      { text: title, style: 'title' },
      { text: L.summary(input.title), style: 'body', bold: true, margin: [0, 0, 0, 10] },
      ...(L.salutation ? [{ text: L.salutation, style: 'body', margin: [0, 0, 0, 6] }] : []),
      { text: L.opening(input.requesting.name, input.requested.name, basis), style: 'body', margin: [0, 0, 0, 6] },
      ...body,
      signature,
    ],
    styles: {
      letterheadSuperior: { fontSize: 9, alignment: 'center', color: '#333333' },
      letterhead: { fontSize: 13, bold: true, alignment: 'center' },
      title: { fontSize: 12.5, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
      heading: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 4] },
      body: { fontSize: 10, lineHeight: 1.2, margin: [0, 0, 0, 2] },
      small: { fontSize: 8.5 },
      cell: { fontSize: 9 },
      tableHeader: { fontSize: 9, bold: true, fillColor: '#eeeeee' },
      hash: { fontSize: 7 },
      note: { fontSize: 8, italics: true, margin: [0, 2, 0, 0] },
      pageHeader: { fontSize: 8, color: '#444444' },
      pageFooter: { fontSize: 8, color: '#444444' },
    },
    defaultStyle: { font: LETTER_FONT_FAMILY, fontSize: 10 },
    pageBreakBefore,
  };
}
