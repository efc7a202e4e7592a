/** Renders the chaser (DESIGN §14) as a PDF, with pdfmake configured as for the letter of request. */
import { buildChaserDocument } from './chaser-document';
import type { ChaserInput } from './chaser-input';
import { LETTER_LANGUAGES, type LetterLanguage } from './letter-input';
import { renderPdf } from './pdf-make';

/** The chaser in English or Vietnamese, as the bytes of an A4 PDF. */
export async function renderChaser(input: ChaserInput, lang: LetterLanguage): Promise<Buffer> {
  if (!(LETTER_LANGUAGES as readonly string[]).includes(lang)) throw new RangeError(`chasers are rendered in ${LETTER_LANGUAGES.join(' or ')}, not "${String(lang)}"`);
  return renderPdf(buildChaserDocument(input, lang));
}
