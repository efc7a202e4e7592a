import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LETTER_LABELS } from './letter-labels';
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
  return [s.authorities, s.legalBasis, s.subject, s.offence, s.facts, s.assistance, s.identifiers, ...(preservation ? [s.preservation] : []), s.additional, s.urgency, s.confidentiality, s.documents, s.contact, s.signature];
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
    for (const label of ['Yêu cầu tương trợ tư pháp về hình sự', 'Kính gửi', 'Hiệp định tương trợ tư pháp về hình sự giữa các nước ASEAN', 'ngày 12 tháng 3 năm 2026', 'Ký tên và đóng dấu', 'Địa chỉ IP']) {
      expect(vi).toContain(label);
    }
    expect(flat(text(rendered.en?.path as string))).toContain('Treaty on Mutual Legal Assistance in Criminal Matters (ASEAN), done at Kuala Lumpur on 29 November 2004');
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

  it('puts the reference in the header and "page x of y" in the footer of every page', () => {
    for (const lang of ['vi', 'en'] as const) {
      const path = rendered[lang]?.path as string;
      const pages = Number(info(path).Pages);
      for (let page = 1; page <= pages; page++) {
        const onPage = flat(text(path, page));
        expect(onPage).toContain(`${LETTER_LABELS[lang].reference}: VN-2026-000042`);
        expect(onPage).toContain(LETTER_LABELS[lang].page(page, pages));
        // No page holds only its header and footer.
        const body = onPage.replace(`${LETTER_LABELS[lang].reference}: VN-2026-000042`, '').replace(LETTER_LABELS[lang].page(page, pages), '').replace(/\S*Yêu cầu tương trợ tư pháp về hình sự · MẬT|Request for mutual legal assistance in criminal matters · CONFIDENTIAL/, '');
        expect([page, body.trim().length > 20]).toEqual([page, true]);
      }
    }
    const viPages = Number(info(rendered.vi?.path as string).Pages);
    const enPages = Number(info(rendered.en?.path as string).Pages);
    expect([viPages, enPages].every((n) => n >= 2)).toBe(true);
    expect(flat(text(rendered.vi?.path as string, 1))).toContain(`Trang 1 / ${viPages}`);
    expect(flat(text(rendered.en?.path as string, 2))).toContain(`Page 2 of ${enPages}`);
    expect(flat(text(rendered.vi?.path as string, 1))).toContain('Yêu cầu tương trợ tư pháp về hình sự · MẬT');
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
    const all = flat(text(vi));
    expect(all).toContain('Bảo quản dữ liệu máy tính được lưu trữ (Điều 29(2) Công ước Budapest)');
    expect(all).toContain(LETTER_LABELS.vi.preservation.fYes);
    expect(flat(text(vi, 2))).toContain(`Trang 2 / ${pages}`);
  });
});
