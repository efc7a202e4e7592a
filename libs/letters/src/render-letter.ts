/** Renders the letter of request as a PDF (pdfmake configured once, in pdf-make.ts). */
import { buildLetterDocument } from './letter-document';
import { LETTER_LANGUAGES, type LetterInput, type LetterLanguage } from './letter-input';
import { renderPdf } from './pdf-make';

/** The letter of request in English or Vietnamese, as the bytes of an A4 PDF. */
export async function renderLetter(input: LetterInput, lang: LetterLanguage): Promise<Buffer> {
  if (!(LETTER_LANGUAGES as readonly string[]).includes(lang)) throw new RangeError(`letters are rendered in ${LETTER_LANGUAGES.join(' or ')}, not "${String(lang)}"`);
  return renderPdf(buildLetterDocument(input, lang));
}
