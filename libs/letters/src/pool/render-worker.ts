/**
 * The render pool's worker (a worker thread of piscina): renders or seals one document per
 * task, off the API's event loop. Answers the bytes as a Uint8Array (moved, not copied).
 */
import { renderChaser } from '../render-chaser';
import { renderLetter } from '../render-letter';
import { sealPdf } from '../seal/seal-pdf';
import type { DocumentKind, DocumentKinds, RenderTask } from './document-kinds';

const RENDERERS: { [K in DocumentKind]: (input: DocumentKinds[K]) => Promise<Buffer> } = {
  letter: ({ input, language }) => renderLetter(input, language),
  chaser: ({ input, language }) => renderChaser(input, language),
  seal: (input) => sealPdf(input),
};

export default async function render(task: RenderTask): Promise<Uint8Array> {
  const renderer = RENDERERS[task.kind] as ((input: unknown) => Promise<Buffer>) | undefined;
  if (!renderer) throw new RangeError(`no renderer for documents of kind "${String(task.kind)}"`);
  const bytes = await renderer(task.input);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
