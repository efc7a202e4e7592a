import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LETTER_LABELS } from './letter-labels';
import { MOTTO, NATIONAL_TITLE } from './letter-document-vi';
import type { LetterLanguage } from './letter-input';
import { renderLetter } from './render-letter';
import { sampleLetterInput } from './sample-letter';

/** The PDF read back with poppler-utils (pdftotext, pdffonts, pdfinfo), as a reader of the letter would. */
const dir = mkdtempSync(join(tmpdir(), 'mla-letters-'));
let files = 0;
function save(pdf: Buffer): string {
  const path = join(dir, `letter-${++files}.pdf`);
  writeFileSync(path, pdf);
  return path;
}
const poppler = (tool: string, args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });
const text = (path: string, page?: number): string =>
  poppler('pdftotext', ['-enc', 'UTF-8', ...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-']);
/** Lines joined: a heading or a measure wrapped over two lines still reads as one. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');
const info = (path: string): Record<string, string> =>
  Object.fromEntries(poppler('pdfinfo', [path]).split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));

const headings = (lang: LetterLanguage, preservation: boolean): string[] => {
  const s = LETTER_LABELS[lang].sections;
  return [s.authorities, s.legalBasis, s.subject, s.offence, s.facts, s.assistance, s.identifiers, ...(preservation ? [s.preservation] : []), s.additional, s.urgency, s.confidentiality, s.documents, s.contact];
};

describe('renderLetter', () => {
  const input = sampleLetterInput();
  const rendered: Partial<Record<LetterLanguage, { pdf: Buffer; path: string }>> = {};

  beforeAll(async () => {
    for (const lang of ['vi', 'en'] as const) {
      const pdf = await renderLetter(input, lang);
      rendered[lang] = { pdf, path: save(pdf) };
    }
  });

  it('is an A4 PDF with the reference and the subject in its metadata', () => {
    const pdf = rendered.vi?.pdf as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const meta = info(rendered.vi?.path as string);
    expect(meta['Page size']).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)$/);
    expect(meta.Title).toBe('VN-2026-000042: Lừa đảo chiếm đoạt tài sản qua mạng: đầu tư tiền ảo giả mạo "SaigonCoin"');
  });

  it.each(['vi', 'en'] as const)('has every section heading in %s, numbered in the order of ASEAN MLAT art. 6', (lang) => {
    const all = flat(text(rendered[lang]?.path as string));
    let last = -1;
    headings(lang, false).forEach((heading, i) => {
      const at = all.indexOf(`${i + 1}. ${heading}`);
      expect([heading, at > last]).toEqual([heading, true]);
      last = at;
    });
    expect(all).toContain(LETTER_LABELS[lang].title);
    expect(all).not.toContain(LETTER_LABELS[lang].sections.preservation);
  });

  it('prints the reference, each measure and the Vietnamese text with its diacritics intact', () => {
    for (const lang of ['vi', 'en'] as const) {
      const all = flat(text(rendered[lang]?.path as string));
      expect(all).toContain('VN-2026-000042');
      for (const measure of input.measures) expect(all).toContain(measure);
      expect(all).toContain('Viện kiểm sát nhân dân Thành phố Hồ Chí Minh');
      expect(all).toContain('Lừa đảo chiếm đoạt tài sản qua mạng: đầu tư tiền ảo giả mạo "SaigonCoin"');
      expect(all).toContain('44 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội');
      for (const d of input.documents) expect(all).toContain(d.sha256);
      for (const id of input.identifiers) expect(all).toContain(id.value);
    }
    const vi = flat(text(rendered.vi?.path as string));
    for (const label of ['YÊU CẦU TƯƠNG TRỢ TƯ PHÁP VỀ HÌNH SỰ', 'Kính gửi', 'Hiệp định tương trợ tư pháp về hình sự giữa các nước ASEAN', 'ngày 12 tháng 3 năm 2026', 'Ký tên, đóng dấu', 'Địa chỉ IP']) {
      expect(vi).toContain(label);
    }
    expect(flat(text(rendered.en?.path as string))).toContain('Treaty on Mutual Legal Assistance in Criminal Matters (ASEAN), done at Kuala Lumpur on 29 November 2004');
  });

  it('prints an observation time with its zone on one line of the identifiers table', () => {
    for (const lang of ['vi', 'en'] as const) {
      expect([lang, text(rendered[lang]?.path as string).split('\n').some((line) => line.includes('2026-02-14T21:05:33+07:00'))]).toEqual([lang, true]);
    }
  });

  it('embeds and subsets every font (DejaVu Sans)', () => {
    for (const lang of ['vi', 'en'] as const) {
      const rows = poppler('pdffonts', [rendered[lang]?.path as string]).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) {
        const [name, , , , , emb, sub] = row.split(/\s+/).length >= 8 ? row.split(/\s+/) : [];
        // name  type(2 words: CID TrueType)  encoding  emb sub uni object ID
        expect([name, emb, sub]).toEqual([expect.stringMatching(/^[A-Z]{6}\+DejaVuSans(-Bold|-Oblique|-BoldOblique)?$/), 'yes', 'yes']);
      }
    }
  });

  it('puts the reference and "page x of y" on every page; the Vietnamese page number in the top margin from page 2 (Decree 30)', () => {
    for (const lang of ['vi', 'en'] as const) {
      const path = rendered[lang]?.path as string;
      const pages = Number(info(path).Pages);
      for (let page = 1; page <= pages; page++) {
        const onPage = flat(text(path, page));
        expect(onPage).toContain(`${LETTER_LABELS[lang].reference}: VN-2026-000042`);
        expect(onPage).toContain(LETTER_LABELS[lang].page(page, pages));
        // No page holds only its header and footer.
        const body = onPage.replace(`${LETTER_LABELS[lang].reference}: VN-2026-000042`, '').replace(LETTER_LABELS[lang].page(page, pages), '').replace(/· MẬT|Request for mutual legal assistance in criminal matters · CONFIDENTIAL/, '');
        expect([page, body.trim().length > 20]).toEqual([page, true]);
        if (lang === 'vi' && page > 1) expect(text(path, page).trimStart().startsWith(`${page}\n`)).toBe(true);
      }
    }
    const viPages = Number(info(rendered.vi?.path as string).Pages);
    const enPages = Number(info(rendered.en?.path as string).Pages);
    expect([viPages, enPages].every((n) => n >= 2)).toBe(true);
    expect(flat(text(rendered.vi?.path as string, 1))).toContain(`Trang 1 / ${viPages}`);
    expect(flat(text(rendered.en?.path as string, 2))).toContain(`Page 2 of ${enPages}`);
    expect(flat(text(rendered.vi?.path as string, 1))).toContain('VN-2026-000042 · MẬT');
  });

  it('heads the Vietnamese letter as Decree 30/2020/NĐ-CP says: national title and motto, superior and issuing authority, number and symbol, place and date, summary, recipients', () => {
    const page1 = text(rendered.vi?.path as string, 1);
    const all = flat(text(rendered.vi?.path as string));
    for (const element of [NATIONAL_TITLE, MOTTO, 'VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO', 'Số: …/…', 'TP. Hồ Chí Minh, ngày 12 tháng 3 năm 2026', 'V/v Lừa đảo chiếm đoạt tài sản qua mạng', 'Kính gửi: Attorney-General']) {
      expect([element, flat(page1).includes(element)]).toEqual([element, true]);
    }
    expect(flat(page1).indexOf(NATIONAL_TITLE)).toBeLessThan(flat(page1).indexOf('YÊU CẦU TƯƠNG TRỢ TƯ PHÁP VỀ HÌNH SỰ'));
    for (const element of ['Nơi nhận:', '- Như trên;', '- Viện kiểm sát nhân dân tối cao (để báo cáo);', '- Lưu: VT, hồ sơ.', 'KIỂM SÁT VIÊN (PROSECUTOR)', '(Ký tên, đóng dấu)', 'Nguyễn Văn An']) {
      expect([element, all.includes(element)]).toEqual([element, true]);
    }
  });

  it('prints the number from the register once given: "Số: 05/VKSHCM-HTQT", "No. 5/VKSHCM-HTQT"; a date before the 10th and in January or February with its leading zeros', async () => {
    const numbered = { ...input, date: '2026-02-06', heading: { ...input.heading, number: 5, symbol: 'VKSHCM-HTQT' } };
    const vi = flat(text(save(await renderLetter(numbered, 'vi')), 1));
    expect(vi).toContain('Số: 05/VKSHCM-HTQT');
    expect(vi).toContain('TP. Hồ Chí Minh, ngày 06 tháng 02 năm 2026');
    const en = flat(text(save(await renderLetter({ ...numbered, heading: { ...numbered.heading, place: 'Ho Chi Minh City' } }, 'en')), 1));
    expect(en).toContain('No. 5/VKSHCM-HTQT');
    expect(en).toContain('Ho Chi Minh City, 6 February 2026');
    expect(en).toContain('Our reference: VN-2026-000042');
  });

  it('closes the English letter as a formal letter of request: salutation, subject line, signature block, enclosures, copies', () => {
    const all = flat(text(rendered.en?.path as string));
    const order = ['Subject: Lừa đảo', 'Dear Sir or Madam,', LETTER_LABELS.en.sections.contact, 'Yours faithfully,', '(Signature and official seal)', 'Nguyễn Văn An', 'Enclosures:', 'Court order: quyet-dinh-khoi-to.pdf', 'Copy to:'];
    let last = -1;
    for (const element of order) {
      const at = all.indexOf(element, Math.max(last, 0));
      expect([element, at >= 0 && at >= last]).toEqual([element, true]);
      last = at;
    }
  });

  it('never leaves the signature block alone on a page: it stays with the last section and the closing paragraph, whatever the length of the letter', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const closingStart = LETTER_LABELS[lang].closing(input.requesting.name, input.requested.name).slice(0, 40);
      for (const measures of [1, 4, 7, 10, 13, 16, 19]) {
        const path = save(await renderLetter(sampleLetterInput({ measures, identifiers: 2 }), lang));
        const pages = Number(info(path).Pages);
        const signed = Array.from({ length: pages }, (_, i) => flat(text(path, i + 1))).findIndex((p) => p.includes(LETTER_LABELS[lang].signatureSeal));
        expect([lang, measures, signed >= 0]).toEqual([lang, measures, true]);
        const page = flat(text(path, signed + 1));
        expect([lang, measures, page.includes(closingStart)]).toEqual([lang, measures, true]);
        expect([lang, measures, page.includes(LETTER_LABELS[lang].sections.contact)]).toEqual([lang, measures, true]);
        expect([lang, measures, page.indexOf(closingStart) < page.indexOf(LETTER_LABELS[lang].signatureSeal)]).toEqual([lang, measures, true]);
      }
    }
  });

  it('renders the same letter to the same bytes (its date, not the clock, is the creation date)', async () => {
    expect((await renderLetter(input, 'vi')).equals(rendered.vi?.pdf as Buffer)).toBe(true);
  });

  it('refuses a language it has no labels for', async () => {
    await expect(renderLetter(input, 'fr' as LetterLanguage)).rejects.toThrow('letters are rendered in en or vi, not "fr"');
  });
});

describe('renderLetter: a long preservation request', () => {
  const input = sampleLetterInput({ type: 'PRESERVATION', measures: 40, identifiers: 60, documents: 3, confidential: false });
  let path: string;

  beforeAll(async () => {
    path = save(await renderLetter(input, 'en'));
  });

  it('runs over several pages, each numbered "Page x of y"', () => {
    const pages = Number(info(path).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(flat(text(path, 2))).toContain(`Page 2 of ${pages}`);
    expect(flat(text(path, pages))).toContain(`Page ${pages} of ${pages}`);
    for (let page = 1; page <= pages; page++) {
      const onPage = flat(text(path, page));
      expect(onPage).toContain('Reference: VN-2026-000042');
      expect([page, onPage.replace('Reference: VN-2026-000042', '').replace(`Page ${page} of ${pages}`, '').replace('Request for mutual legal assistance in criminal matters', '').trim().length > 20]).toEqual([page, true]);
    }
  });

  it('keeps every measure and identifier, and repeats the table header on each page of the table', () => {
    const all = flat(text(path));
    for (const measure of input.measures) expect(all).toContain(measure);
    for (const id of input.identifiers) expect(all).toContain(id.value);
    const pagesWithIdentifiers = Array.from({ length: Number(info(path).Pages) }, (_, i) => flat(text(path, i + 1))).filter((p) => p.includes('203.0.113.'));
    expect(pagesWithIdentifiers.length).toBeGreaterThanOrEqual(2);
    for (const page of pagesWithIdentifiers) expect(page).toContain('Kind Value Observed at (time zone)');
  });

  it('states the items of Budapest Convention art. 29(2)(a)-(f), in order, and no confidentiality', () => {
    const all = flat(text(path));
    expect(all).toContain(LETTER_LABELS.en.titlePreservation);
    const p = LETTER_LABELS.en.preservation;
    let last = all.indexOf(LETTER_LABELS.en.sections.preservation);
    expect(last).toBeGreaterThan(0);
    for (const [letter, label] of [['a', p.a], ['b', p.b], ['c', p.c], ['d', p.d], ['e', p.e], ['f', p.f]]) {
      const at = all.indexOf(`(${letter}) ${label}`);
      expect([letter, at > last]).toEqual([letter, true]);
      last = at;
    }
    expect(all).toContain(p.fYes);
    expect(all).toContain('Example Mail Pte. Ltd., 1 Example Street, Singapore 000001.');
    expect(all).toContain(LETTER_LABELS.en.confidentialNo);
    expect(all).not.toContain('CONFIDENTIAL');
  });

  it('in Vietnamese too, with the preservation heading and the footer "Trang x / y"', async () => {
    const vi = save(await renderLetter(input, 'vi'));
    const pages = Number(info(vi).Pages);
    // the pages' text without the page number at their top and the footer (a paragraph runs on over them)
    const all = flat(
      Array.from({ length: pages }, (_, i) =>
        text(vi, i + 1)
          .replace(/^\s*\d+\s*\n/, '')
          .replace(/Số tham chiếu: VN-2026-000042\s+Trang \d+ \/ \d+/, ''),
      ).join(' '),
    );
    expect(all).toContain('Bảo quản dữ liệu máy tính được lưu trữ (Điều 29(2) Công ước Budapest)');
    expect(all).toContain(LETTER_LABELS.vi.preservation.fYes);
    expect(flat(text(vi, 2))).toContain(`Trang 2 / ${pages}`);
  });
});
