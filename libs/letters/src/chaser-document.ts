/**
 * The chaser (follow-up note, DESIGN §14) as a pdfmake document definition (pure: no I/O), in
 * the letter's official style: A4, DejaVu Sans, the reference in the header of every page,
 * "Page x of y" in the footer. The Vietnamese note opens as Decree 30/2020/NĐ-CP heads an
 * official document: the issuing authority at the left, the national title and motto at the right. Sections: the request and how it was sent, what is outstanding and
 * since when, the earlier chasers, the contact.
 */
import type { ChaserInput } from './chaser-input';
import { CHASER_LABELS, type ChaserLabels } from './chaser-labels';
import { LETTER_FONT_FAMILY } from './letter-definition';
import type { LetterLanguage } from './letter-input';

/** The subset of pdfmake's content model the chaser uses (its own: the letter's layout is another file's). */
export type ChaserContent = string | { [key: string]: unknown } | ChaserContent[];
type Content = ChaserContent;

export interface ChaserDocumentDefinition {
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  info: { title: string; author: string; subject: string; creator: string; producer: string; creationDate: Date };
  language: string;
  header: (currentPage: number, pageCount: number) => Content;
  footer: (currentPage: number, pageCount: number) => Content;
  content: Content[];
  styles: Record<string, Record<string, unknown>>;
  defaultStyle: Record<string, unknown>;
}

/** The font family the chaser is set in (DejaVu Sans, as the letter: complete Vietnamese coverage). */
/** The chaser's font: the letter's (one pdfmake configuration for both). */
export const CHASER_FONT_FAMILY = LETTER_FONT_FAMILY;

const regionName = (lang: LetterLanguage, code: string): string => new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;

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

/**
 * The head of a Vietnamese official document (Decree 30/2020/NĐ-CP, as the letter's): the issuing
 * authority in bold capitals with a short rule under it at the left, the national title and the
 * motto at the right.
 */
const viHead = (issuer: string): Content => ({
  columns: [
    {
      width: 205,
      stack: [
        { text: issuer.toLocaleUpperCase('vi'), bold: true, alignment: 'center', fontSize: 9.5 },
        { canvas: [{ type: 'line', x1: 72, y1: 0, x2: 133, y2: 0, lineWidth: 0.6 }], margin: [0, 3, 0, 0] },
      ],
    },
    {
      width: '*',
      stack: [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, alignment: 'center', fontSize: 11 },
        { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, alignment: 'center', fontSize: 11, decoration: 'underline' },
      ],
    },
  ],
  columnGap: 6,
  margin: [0, 0, 0, 14],
});

/** Builds the chaser in the chosen language. */
export function buildChaserDocument(input: ChaserInput, lang: LetterLanguage): ChaserDocumentDefinition {
  const L: ChaserLabels = CHASER_LABELS[lang];
  const authority = (a: ChaserInput['from']) => `${a.name} (${a.code}, ${regionName(lang, a.country)})`;
  const heading = (text: string): Content => ({ text, style: 'heading' });
  const sent = input.sent;
  const outstanding: Content = {
    ul: input.outstanding.map((o) => ({
      text: [
        { text: L.outstanding[o.kind], bold: true },
        `: ${L.since} ${L.formatDate(o.since)}`,
        ...(o.dueBy ? [`; ${L.dueBy} ${L.formatDate(o.dueBy)}`] : []),
        ...(o.overdue ? [{ text: ` (${L.overdue})`, bold: true }] : []),
      ],
      style: 'body',
    })),
  };
  const earlier: Content =
    input.earlier.length === 0
      ? { text: L.noEarlier, style: 'body' }
      : {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            // The date column holds a Vietnamese date ("ngày 01 tháng 10 năm 2026") on one line.
            widths: [30, 130, 110, '*'],
            body: [
              L.earlierColumns.map((c) => ({ text: c, style: 'tableHeader' })),
              ...input.earlier.map((e, i) => [
                { text: String(i + 1), style: 'cell' },
                { text: L.formatDate(e.dispatchedAt), style: 'cell' },
                { text: L.channels[e.channel], style: 'cell' },
                { text: e.reference, style: 'cell' },
              ]),
            ],
          },
          layout: tableLayout,
        };
  const c = input.contact;
  return {
    pageSize: 'A4',
    pageMargins: [50, 62, 50, 48],
    info: {
      title: `${input.reference}: ${L.title}`,
      author: input.from.name,
      subject: L.title,
      creator: 'MLA Hub',
      producer: 'MLA Hub (pdfmake)',
      creationDate: new Date(`${input.date}T00:00:00Z`),
    },
    language: lang,
    header: () => ({
      margin: [50, 24, 50, 0],
      columns: [
        { width: '*', text: L.headerTitle, style: 'pageHeader' },
        { width: 'auto', text: `${L.reference}: ${input.reference}`, style: 'pageHeader', alignment: 'right', bold: true },
      ],
    }),
    footer: (currentPage, pageCount) => ({ text: L.page(currentPage, pageCount), alignment: 'center', style: 'pageFooter', margin: [50, 16, 50, 0] }),
    content: [
      ...(lang === 'vi' ? [viHead(input.from.name)] : []),
      { text: L.title, style: 'title' },
      {
        table: {
          widths: [90, '*'],
          body: [
            [{ text: L.reference, bold: true, style: 'cell' }, { text: input.reference, style: 'cell' }],
            [{ text: L.date, bold: true, style: 'cell' }, { text: L.formatDate(input.date), style: 'cell' }],
            [{ text: L.from, bold: true, style: 'cell' }, { text: authority(input.from), style: 'cell' }],
            [{ text: L.to, bold: true, style: 'cell' }, { text: authority(input.to), style: 'cell' }],
            ...(input.title ? [[{ text: L.subject, bold: true, style: 'cell' }, { text: input.title, style: 'cell' }]] : []),
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 8],
      },
      { text: L.opening(input.to.name, input.reference, input.direction), style: 'body', margin: [0, 0, 0, 8] },
      heading(L.sentHeading),
      { text: sent ? L.sent(L.formatDate(sent.dispatchedAt), L.channels[sent.channel], sent.reference) : L.notSent, style: 'body' },
      heading(L.outstandingHeading),
      outstanding,
      heading(L.earlierHeading),
      earlier,
      { text: L.closing, style: 'body', margin: [0, 10, 0, 0] },
      heading(L.contactHeading),
      { text: c.authority, style: 'body', bold: true },
      ...(c.officer ? [field(L.contact.officer, c.officer)] : []),
      ...(c.email ? [field(L.contact.email, c.email)] : []),
      ...(c.phone ? [field(L.contact.phone, c.phone)] : []),
      ...(c.address ? [field(L.contact.address, c.address)] : []),
    ],
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      heading: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      body: { fontSize: 10, lineHeight: 1.2, margin: [0, 0, 0, 2] },
      cell: { fontSize: 9 },
      tableHeader: { fontSize: 9, bold: true, fillColor: '#eeeeee' },
      pageHeader: { fontSize: 8, color: '#444444' },
      pageFooter: { fontSize: 8, color: '#444444' },
    },
    defaultStyle: { font: CHASER_FONT_FAMILY, fontSize: 10 },
  };
}
