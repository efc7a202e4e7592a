/**
 * What the render pool makes, by name: each kind takes its input (structured-cloneable) and
 * answers the bytes of a document. The worker (`render-worker.ts`) runs them; the API calls
 * them through `DocumentRenderPool.render(kind, input)`, never on its own event loop. A new
 * kind (a chaser, a notice) is one entry here and one in the worker.
 */
import type { ChaserInput } from '../chaser-input';
import type { LetterInput, LetterLanguage } from '../letter-input';
import type { SealInput } from '../seal/seal-pdf';

export interface DocumentKinds {
  /** The letter of request, in one of its languages. */
  letter: { input: LetterInput; language: LetterLanguage };
  /** The follow-up note to a counterpart on no MLA Hub (DESIGN §14). */
  chaser: { input: ChaserInput; language: LetterLanguage };
  /** A PDF sealed (PAdES) with a PKCS#12 certificate. */
  seal: SealInput;
}

export type DocumentKind = keyof DocumentKinds;

/** One task of the pool: a kind and its input. */
export interface RenderTask<K extends DocumentKind = DocumentKind> {
  kind: K;
  input: DocumentKinds[K];
}
