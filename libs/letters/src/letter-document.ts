/**
 * The letter as a pdfmake document definition (pure: no I/O). Sections in the order of the
 * contents of a request of ASEAN MLAT 2004 art. 6 (authorities; purpose and assistance; nature
 * of the matter, offence, facts and law; evidence sought; time limit; confidentiality), the
 * items of Budapest Convention art. 29(2) for a preservation, then the supporting documents,
 * the contact point and the signature block. A4; the reference in the header of every page;
 * "Page x of y" in the footer.
 */
import type { LetterInput, LetterLanguage } from './letter-input';
import { LETTER_LABELS, legalBasisName, type LetterLabels } from './letter-labels';

/** The subset of pdfmake's content model the letter uses. */
export type Content = string | { [key: string]: unknown } | Content[];

export interface LetterDocumentDefinition {
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  info: { title: string; author: string; subject: string; creator: string; producer: string; creationDate: Date };
  language: string;
  header: (currentPage: number, pageCount: number) => Content;
  footer: (currentPage: number, pageCount: number) => Content;
  content: Content[];
  styles: Record<string, Record<string, unknown>>;
  defaultStyle: Record<string, unknown>;
  pageBreakBefore: (node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } }) => boolean;
}

export const LETTER_FONT_FAMILY = 'DejaVuSans';

const regionName = (lang: LetterLanguage, code: string): string => new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;
const languageName = (lang: LetterLanguage, code: string): string => new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' }).of(code) ?? code;

/** Text as written, one paragraph per line of the input (blank lines kept as spacing). */
const paragraphs = (text: string): Content[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .map((line) => ({ text: line === '' ? ' ' : line, style: 'body' }));

const field = (label: string, value: Content): Content => ({ text: [{ text: `${label}: `, bold: true }, value], style: 'body' });

const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#888888',
  vLineColor: () => '#888888',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** Builds the document definition of the letter in the chosen language. */
export function buildLetterDocument(input: LetterInput, lang: LetterLanguage): LetterDocumentDefinition {
  const L: LetterLabels = LETTER_LABELS[lang];
  const preservation = input.type === 'PRESERVATION';
  const basis = legalBasisName(L, input.legalBasis, input.treatyName);
  const authority = (a: LetterInput['requesting']) => `${a.name} (${a.code}, ${regionName(lang, a.country)})`;

  let number = 0;
  const sections: Content[] = [];
  const section = (title: string, body: Content[]): number => {
    number += 1;
    // Space above, never below: a bottom margin at the very end makes pdfmake add an empty page.
    sections.push({ stack: [{ text: `${number}. ${title}`, style: 'heading', headlineLevel: 1 }, ...body], margin: [0, 6, 0, 0] });
    return number;
  };

  section(L.sections.authorities, [field(L.requestingAuthority, authority(input.requesting)), field(L.requestedAuthority, authority(input.requested))]);
  section(L.sections.legalBasis, [{ text: basis, style: 'body' }]);
  section(L.sections.subject, [{ text: input.title, style: 'body', bold: true }, field(L.requestType, L.types[input.type])]);
  section(L.sections.offence, [field(L.offenceDescription, input.offence.description), { text: `${L.provision}:`, style: 'body', bold: true }, ...paragraphs(input.offence.provision)]);
  const factsSection = section(L.sections.facts, paragraphs(input.facts));
  section(L.sections.assistance, [{ ol: input.measures.map((m) => ({ text: m, style: 'body' })), margin: [0, 0, 0, 0] }]);
  section(L.sections.identifiers, [
    input.identifiers.length === 0
      ? { text: L.none, style: 'body' }
      : {
          table: {
            headerRows: 1,
            keepWithHeaderRows: 1,
            dontBreakRows: true,
            widths: [110, '*', 140],
            body: [
              L.identifierColumns.map((c) => ({ text: c, style: 'tableHeader' })),
              ...input.identifiers.map((i) => [
                { text: L.identifierKinds[i.kind], style: 'cell' },
                { text: i.value, style: 'cell' },
                { text: i.observedAt ?? '—', style: 'cell' },
              ]),
            ],
          },
          layout: tableLayout,
        },
  ]);
  if (preservation && input.preservation) {
    const p = input.preservation;
    const item = (letter: string, label: string, body: Content[]): Content => ({
      columns: [
        { width: 18, text: `(${letter})`, style: 'body' },
        { width: '*', stack: [{ text: label, style: 'body', bold: true }, ...body] },
      ],
      margin: [0, 0, 0, 2],
    });
    section(L.sections.preservation, [
      item('a', L.preservation.a, [{ text: input.requesting.name, style: 'body' }]),
      item('b', L.preservation.b, [{ text: input.offence.description, style: 'body' }, { text: L.preservation.seeSections(factsSection), style: 'body' }]),
      item('c', L.preservation.c, [...paragraphs(p.dataToPreserve), field(L.preservation.relationship, p.relationshipToOffence)]),
      item('d', L.preservation.d, paragraphs(p.custodianOrLocation)),
      item('e', L.preservation.e, paragraphs(p.necessity)),
      item('f', L.preservation.f, [{ text: p.followUpIntended === false ? L.preservation.fNo : L.preservation.fYes, style: 'body' }]),
    ]);
  }
  if (input.additionalInformation && input.additionalInformation.length > 0) {
    section(L.sections.additional, input.additionalInformation.map((a) => ({ stack: [{ text: a.label, style: 'body', bold: true }, ...paragraphs(a.value)], margin: [0, 0, 0, 2] })));
  }
  section(L.sections.urgency, [
    field(L.priority, L.priorities[input.priority]),
    ...(input.neededBy
      ? [field(L.neededBy, L.formatDate(input.neededBy)), ...(input.neededByReason ? [field(L.reason, input.neededByReason)] : [])]
      : [{ text: L.noTimeLimit, style: 'body' }]),
  ]);
  section(L.sections.confidentiality, [
    { text: input.confidential ? L.confidentialYes : L.confidentialNo, style: 'body' },
    ...(input.confidential && input.confidentialityReason ? [field(L.reason, input.confidentialityReason)] : []),
  ]);
  section(L.sections.documents, [
    input.documents.length === 0
      ? { text: L.noDocument, style: 'body' }
      : {
          stack: [
            {
              table: {
                headerRows: 1,
                keepWithHeaderRows: 1,
                dontBreakRows: true,
                widths: [95, 60, '*'],
                body: [
                  L.documentColumns.map((c) => ({ text: c, style: 'tableHeader' })),
                  ...input.documents.map((d) => [
                    { text: L.documentKinds[d.kind], style: 'cell' },
                    { text: languageName(lang, d.language), style: 'cell' },
                    { stack: [{ text: d.fileName, style: 'cell' }, { text: `SHA-256: ${d.sha256}`, style: 'hash' }] },
                  ]),
                ],
              },
              layout: tableLayout,
            },
            { text: L.hashNote, style: 'note' },
          ],
        },
  ]);
  const c = input.contact;
  section(L.sections.contact, [
    { text: c.authority, style: 'body', bold: true },
    ...(c.officer ? [field(L.contact.officer, c.officer)] : []),
    ...(c.email ? [field(L.contact.email, c.email)] : []),
    ...(c.phone ? [field(L.contact.phone, c.phone)] : []),
    ...(c.address ? [field(L.contact.address, c.address)] : []),
  ]);
  const s = input.signatory;
  section(L.sections.signature, [
    {
      unbreakable: true,
      columns: [
        { width: '*', text: '' },
        {
          width: 260,
          stack: [
            { text: `${L.signature.placeDate}: ${s.place ? `${s.place}, ` : ''}${L.formatDate(input.date)}`, style: 'body' },
            { text: `${L.signature.signatureSeal}:`, style: 'body', margin: [0, 8, 0, 36] },
            { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 240, y2: 0, lineWidth: 0.5 }] },
            { text: `${L.signature.name}: ${s.name}`, style: 'body', bold: true, margin: [0, 4, 0, 0] },
            ...(s.title ? [{ text: s.title, style: 'body' }] : []),
            { text: s.authority, style: 'body' },
          ],
        },
      ],
    },
  ]);

  const title = preservation ? L.titlePreservation : L.title;
  return {
    pageSize: 'A4',
    pageMargins: [50, 62, 50, 48],
    info: {
      title: `${input.reference}: ${input.title}`,
      author: input.requesting.name,
      subject: title,
      creator: 'MLA Hub',
      producer: 'MLA Hub (pdfmake)',
      // The letter's date, not the rendering time: the same letter renders to the same bytes.
      creationDate: new Date(`${input.date}T00:00:00Z`),
    },
    language: lang,
    header: () => ({
      margin: [50, 24, 50, 0],
      columns: [
        { width: '*', text: input.confidential ? `${L.headerTitle} · ${L.confidentialMark}` : L.headerTitle, style: 'pageHeader' },
        { width: 'auto', text: `${L.reference}: ${input.reference}`, style: 'pageHeader', alignment: 'right', bold: true },
      ],
    }),
    footer: (currentPage, pageCount) => ({ text: L.page(currentPage, pageCount), alignment: 'center', style: 'pageFooter', margin: [50, 16, 50, 0] }),
    content: [
      { text: title, style: 'title' },
      {
        table: {
          widths: [90, '*'],
          body: [
            [{ text: L.reference, bold: true, style: 'cell' }, { text: input.reference, style: 'cell' }],
            [{ text: L.date, bold: true, style: 'cell' }, { text: L.formatDate(input.date), style: 'cell' }],
            [{ text: L.from, bold: true, style: 'cell' }, { text: authority(input.requesting), style: 'cell' }],
            [{ text: L.to, bold: true, style: 'cell' }, { text: authority(input.requested), style: 'cell' }],
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 8],
      },
      { text: L.opening(input.requesting.name, input.requested.name, basis), style: 'body', margin: [0, 0, 0, 10] },
      ...sections,
    ],
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      heading: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      body: { fontSize: 10, lineHeight: 1.2, margin: [0, 0, 0, 2] },
      cell: { fontSize: 9 },
      tableHeader: { fontSize: 9, bold: true, fillColor: '#eeeeee' },
      hash: { fontSize: 7 },
      note: { fontSize: 8, italics: true, margin: [0, 2, 0, 0] },
      pageHeader: { fontSize: 8, color: '#444444' },
      pageFooter: { fontSize: 8, color: '#444444' },
    },
    defaultStyle: { font: LETTER_FONT_FAMILY, fontSize: 10 },
    // A section heading never ends a page: one in its last eighth moves to the next page.
    pageBreakBefore: (node) => node.headlineLevel === 1 && (node.startPosition?.verticalRatio ?? 0) > 0.875,
  };
}
