/**
 * The Vietnamese letter in the layout of Decree 30/2020/NĐ-CP on clerical work (Appendix I,
 * part I): A4, margins 22 mm top and bottom, 30 mm left, 17.6 mm right; the page number
 * centred in the top margin from page 2; at the top left (box 2) the superior authority in
 * capitals and the issuing authority in bold capitals with a short rule under it, and under them
 * (box 3) the number and symbol "Số: 05/VKSHCM-HTQT" and (box 5b) the summary "V/v …"; at the top
 * right (box 1) the national title "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in bold capitals and the
 * motto "Độc lập - Tự do - Hạnh phúc" in bold, underlined, and under them (box 4) the place and
 * date in italics; the type of document in bold capitals; "Kính gửi"; the body (box 6); at the
 * bottom right the signer's position in bold capitals, the signature and seal (boxes 7, 8) and
 * the signer's name in bold; at the bottom left "Nơi nhận:" in bold italics and the recipients
 * (box 9b). The decree's font is Times New Roman 13-14; the letter keeps its one embedded font
 * (DejaVu Sans, wider), at sizes in or near the decree's ranges.
 */
import type { LetterInput } from './letter-input';
import { withoutHeadline } from './letter-body';
import { LETTER_FONT_FAMILY, type Content, type LetterDocumentDefinition, type LetterParts } from './letter-definition';

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const MM = 72 / 25.4;
const LEFT = 30 * MM;
const RIGHT = 17.6 * MM;
const TOP = 22 * MM;
const WIDTH = 595.28 - LEFT - RIGHT;
/** Box 2 and box 1's widths. */
const ISSUER_WIDTH = 178;
const STATE_WIDTH = WIDTH - ISSUER_WIDTH;

const upper = (s: string) => s.toLocaleUpperCase('vi');
/** A short centred rule under a heading (Decree 30: a third to a half of the line above). */
const rule = (width: number, length: number): Content => ({ canvas: [{ type: 'line', x1: (width - length) / 2, y1: 0, x2: (width + length) / 2, y2: 0, lineWidth: 0.6 }], margin: [0, 3, 0, 0] });

export function decree30Document(input: LetterInput, { L, title, basis, sections, info, pageBreakBefore }: LetterParts): LetterDocumentDefinition {
  const h = input.heading;
  const s = input.signatory;
  const recipients = [
    ...(L.recipientsAddressee ? [L.recipientsAddressee] : []),
    ...(h.copyTo ?? []).map(L.forInformation),
    ...(L.fileCopy ? [L.fileCopy] : []),
  ];
  // The last section (the contact point), the closing paragraph and the signature block: one block, never apart.
  const body = sections.slice(0, -1);
  const signature: Content = {
    unbreakable: true,
    stack: [
      ...sections.slice(-1).map(withoutHeadline),
      { text: L.closing(input.requesting.name, input.requested.name), style: 'body', margin: [0, 8, 0, 10] },
      {
        columns: [
          {
            width: 200,
            stack: [
              { text: `${L.recipients}:`, style: 'recipientsTitle' },
              ...recipients.map((r, i) => ({ text: `- ${r}${i === recipients.length - 1 ? '.' : ';'}`, style: 'recipients' })),
            ],
          },
          {
            width: '*',
            stack: [
              { text: upper(s.title ?? s.authority), style: 'signer' },
              { text: L.signatureSeal, style: 'signatureSeal' },
              { text: s.name || ' ', style: 'signerName', margin: [0, 52, 0, 0] },
            ],
          },
        ],
      },
    ],
  };
  return {
    pageSize: 'A4',
    pageMargins: [LEFT, TOP, RIGHT, TOP],
    info,
    language: 'vi',
    // Decree 30: page numbers centred in the top margin, not on the first page.
    header: (currentPage) => (currentPage === 1 ? '' : { text: String(currentPage), style: 'pageNumber', margin: [LEFT, 30, RIGHT, 0] }),
    // Not part of the decree's layout: the request's reference and the page count, small, for whoever handles the pages.
    footer: (currentPage, pageCount) => ({
      margin: [LEFT, 26, RIGHT, 0],
      columns: [
        { width: '*', text: `${L.reference}: ${input.reference}${input.confidential ? ` · ${L.confidentialMark}` : ''}`, style: 'pageFooter' },
        { width: 'auto', text: L.page(currentPage, pageCount), style: 'pageFooter', alignment: 'right' },
      ],
    }),
    content: [
      {
        columns: [
          {
            width: ISSUER_WIDTH,
            stack: [
              ...(h.superior ? [{ text: upper(h.superior), style: 'superior' }] : []),
              { text: upper(input.requesting.name), style: 'issuer' },
              rule(ISSUER_WIDTH, 60),
            ],
          },
          {
            width: STATE_WIDTH,
            stack: [
              { text: NATIONAL_TITLE, style: 'nationalTitle' },
              { text: MOTTO, style: 'motto', decoration: 'underline' },
            ],
          },
        ],
      },
      {
        columns: [
          {
            width: ISSUER_WIDTH,
            stack: [
              { text: L.letterNumber(h.number, h.symbol), style: 'number' },
              { text: L.summary(input.title), style: 'summary' },
              ...(input.confidential ? [{ text: L.confidentialMark, style: 'confidential' }] : []),
            ],
          },
          { width: STATE_WIDTH, text: L.placeDate(h.place, input.date), style: 'placeDate' },
        ],
        margin: [0, 8, 0, 14],
      },
      { text: title, style: 'title' },
      { text: [{ text: `${L.to}: `, italics: false }, input.requested.name], style: 'addressee' },
      { text: L.opening(input.requesting.name, input.requested.name, basis), style: 'body', margin: [0, 0, 0, 6] },
      ...body,
      signature,
    ],
    styles: {
      superior: { fontSize: 9.5, alignment: 'center' },
      issuer: { fontSize: 10.5, bold: true, alignment: 'center' },
      nationalTitle: { fontSize: 11, bold: true, alignment: 'center' },
      motto: { fontSize: 12, bold: true, alignment: 'center', margin: [0, 1, 0, 0] },
      number: { fontSize: 12, alignment: 'center', margin: [0, 2, 0, 0] },
      summary: { fontSize: 11, alignment: 'center', margin: [0, 2, 0, 0] },
      confidential: { fontSize: 12, bold: true, alignment: 'center', margin: [0, 4, 0, 0] },
      placeDate: { fontSize: 11.5, italics: true, alignment: 'center', margin: [0, 2, 0, 0] },
      title: { fontSize: 13, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
      addressee: { fontSize: 12, alignment: 'center', margin: [0, 0, 0, 10] },
      heading: { fontSize: 12, bold: true, margin: [0, 6, 0, 3] },
      body: { fontSize: 12, lineHeight: 1.15, margin: [0, 0, 0, 3] },
      cell: { fontSize: 10 },
      tableHeader: { fontSize: 10, bold: true, fillColor: '#eeeeee' },
      hash: { fontSize: 7 },
      note: { fontSize: 9, italics: true, margin: [0, 2, 0, 0] },
      recipientsTitle: { fontSize: 11, bold: true, italics: true },
      recipients: { fontSize: 10 },
      signer: { fontSize: 12, bold: true, alignment: 'center' },
      signatureSeal: { fontSize: 10, italics: true, alignment: 'center' },
      signerName: { fontSize: 12, bold: true, alignment: 'center' },
      pageNumber: { fontSize: 12, alignment: 'center' },
      pageFooter: { fontSize: 8, color: '#555555' },
    },
    defaultStyle: { font: LETTER_FONT_FAMILY, fontSize: 12 },
    pageBreakBefore,
  };
}
