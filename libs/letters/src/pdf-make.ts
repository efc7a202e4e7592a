/**
 * pdfmake 0.3's server API, a configured singleton used only by this lib: configured once (the
 * DejaVu fonts placed in its virtual file system, so no render reads the disk; no URL nor local
 * file may be fetched by a document). Letters and chasers render through it.
 */
import pdfmake from 'pdfmake';
import { dejaVuSans } from './letter-fonts';
import { LETTER_FONT_FAMILY } from './letter-definition';

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

/** The bytes of the PDF a document definition describes (its font: LETTER_FONT_FAMILY). */
export async function renderPdf(definition: unknown): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(definition as never).getBuffer();
}
