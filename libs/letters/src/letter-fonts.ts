/**
 * DejaVu Sans (complete Vietnamese coverage), from the `dejavu-fonts-ttf` package, resolved
 * with require.resolve so it works from the sources and from `dist/`; read once, handed to
 * pdfmake as buffers (it embeds and subsets them).
 */
import { readFileSync } from 'node:fs';

export interface FontFiles {
  normal: Buffer;
  bold: Buffer;
  italics: Buffer;
  bolditalics: Buffer;
}

const FILES = {
  normal: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italics: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  bolditalics: 'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf',
} as const;

let cached: FontFiles | undefined;

/** The four faces of DejaVu Sans. */
export function dejaVuSans(): FontFiles {
  cached ??= {
    normal: readFileSync(require.resolve(FILES.normal)),
    bold: readFileSync(require.resolve(FILES.bold)),
    italics: readFileSync(require.resolve(FILES.italics)),
    bolditalics: readFileSync(require.resolve(FILES.bolditalics)),
  };
  return cached;
}
