/**
 * Renders the letter of request as a PDF with pdfmake 0.3's server API. pdfmake is a
 * configured singleton: configured once here (the fonts placed in its virtual file system, so
 * no render reads the disk; no URL nor local file may be fetched by a document), used only by
 * this lib.
 */
import pdfmake from 'pdfmake';
import { buildLetterDocument, LETTER_FONT_FAMILY } from './letter-document';
import { dejaVuSans } from './letter-fonts';
import { LETTER_LANGUAGES, type LetterInput, type LetterLanguage } from './letter-input';

let configured = false;

function configure(): void {
  if (configured) return;
  const faces = dejaVuSans();
  const files = {} as Record<keyof typeof faces, string>;
  for (const face of Object.keys(faces) as (keyof typeof faces)[]) {
    files[face] = `mla-letters/${LETTER_FONT_FAMILY}-${face}.ttf`;
    pdfmake.virtualfs.writeFileSync(files[face], faces[face]);
  }
  pdfmake.setFonts({ [LETTER_FONT_FAMILY]: files });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

/** The letter of request in English or Vietnamese, as the bytes of an A4 PDF. */
export async function renderLetter(input: LetterInput, lang: LetterLanguage): Promise<Buffer> {
  if (!(LETTER_LANGUAGES as readonly string[]).includes(lang)) throw new RangeError(`letters are rendered in ${LETTER_LANGUAGES.join(' or ')}, not "${String(lang)}"`);
  configure();
  return pdfmake.createPdf(buildLetterDocument(input, lang)).getBuffer();
}
