import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LETTER_LABELS } from './letter-labels';
import { renderLetter } from './render-letter';
import { sampleLetterInput } from './sample-letter';

/** Where the letter's pages break, read back with poppler-utils (pdftotext -bbox-layout, pdfinfo). */
const dir = mkdtempSync(join(tmpdir(), 'mla-letter-pages-'));
let files = 0;
function save(pdf: Buffer): string {
  const path = join(dir, `letter-${++files}.pdf`);
  writeFileSync(path, pdf);
  return path;
}
const poppler = (tool: string, args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });
const pageCount = (path: string): number => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path]))?.[1]);
/** A page's lines with their top and bottom (points from the top of the page), read with pdftotext -bbox-layout. */
const lines = (path: string, page: number): { top: number; bottom: number; text: string }[] =>
  [...poppler('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', '-f', String(page), '-l', String(page), path, '-']).matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
    top: Number(m[1]),
    bottom: Number(m[2]),
    text: [...(m[3] ?? '').matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(' '),
  }));

describe('renderLetter: page breaks', () => {
  it('keeps each section heading with the start of its section, and moves it to the next page only when the two do not fit (no large gap)', async () => {
    // The page's body: between the margins (vi: Decree 30's 22 mm top and bottom; en: 62 pt and 54 pt).
    const body = { vi: { top: 62, bottom: 841.89 - 62.36, above: 12 }, en: { top: 61, bottom: 841.89 - 54, above: 14 } } as const;
    for (const lang of ['vi', 'en'] as const) {
      const L = LETTER_LABELS[lang];
      const isHeading = (line: string) => /^\d+\. /.test(line) && Object.values(L.sections).some((s) => line.endsWith(s));
      for (const measures of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
        const path = save(await renderLetter(sampleLetterInput({ measures, identifiers: 2 }), lang));
        const pages = pageCount(path);
        const content = (page: number) => lines(path, page).filter((l) => l.top >= body[lang].top - 1 && l.bottom <= body[lang].bottom + 1);
        for (let page = 1; page < pages; page++) {
          const here = content(page);
          const next = content(page + 1);
          const last = here[here.length - 1]?.text ?? '';
          expect([lang, measures, page, isHeading(last) ? last : 'not a heading']).toEqual([lang, measures, page, 'not a heading']);
          const [heading, first] = next;
          // A heading moved with a paragraph after it: the page before has less room left than the heading and that line need.
          // (A table moves with its header and first row, and the contact point with the signature: more room is left then.)
          if (!heading || !first || !isHeading(heading.text) || [L.sections.identifiers, L.sections.documents, L.sections.contact].some((s) => heading.text.endsWith(s))) continue;
          const room = body[lang].bottom - (here[here.length - 1]?.bottom ?? body[lang].top);
          const needed = first.bottom - heading.top + body[lang].above;
          expect([lang, measures, page, heading.text, room < needed + 10]).toEqual([lang, measures, page, heading.text, true]);
        }
      }
    }
  }, 60_000);

});
