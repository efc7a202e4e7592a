/**
 * Renders the chaser (DESIGN §14) as a PDF with pdfmake, configured as for the letter of
 * request (the fonts in pdfmake's virtual file system, no URL nor local file fetched).
 */
import pdfmake from 'pdfmake';
import { buildChaserDocument, CHASER_FONT_FAMILY } from './chaser-document';
import type { ChaserInput } from './chaser-input';
import { dejaVuSans } from './letter-fonts';
import { LETTER_LANGUAGES, type LetterLanguage } from './letter-input';

let configured = false;

function configure(): void {
  if (configured) return;
  const faces = dejaVuSans();
  const files = {} as Record<keyof typeof faces, string>;
  for (const face of Object.keys(faces) as (keyof typeof faces)[]) {
    files[face] = `mla-letters/${CHASER_FONT_FAMILY}-${face}.ttf`;
    pdfmake.virtualfs.writeFileSync(files[face], faces[face]);
  }
  pdfmake.setFonts({ [CHASER_FONT_FAMILY]: files });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

/** The chaser in English or Vietnamese, as the bytes of an A4 PDF. */
export async function renderChaser(input: ChaserInput, lang: LetterLanguage): Promise<Buffer> {
  if (!(LETTER_LANGUAGES as readonly string[]).includes(lang)) throw new RangeError(`chasers are rendered in ${LETTER_LANGUAGES.join(' or ')}, not "${String(lang)}"`);
  configure();
  return pdfmake.createPdf(buildChaserDocument(input, lang) as never).getBuffer();
}
