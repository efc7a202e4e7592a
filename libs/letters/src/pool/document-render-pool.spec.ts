import { renderLetter } from '../render-letter';
import { sampleLetterInput } from '../sample-letter';
import { DocumentRenderPool, RenderTimedOut } from './document-render-pool';

describe('DocumentRenderPool: documents rendered in worker threads, with a time limit', () => {
  const pool = new DocumentRenderPool({ threads: 1, timeoutMs: 60_000 });
  afterAll(() => pool.close());

  it('renders a letter in a worker: the same bytes as on the caller’s thread', async () => {
    const input = sampleLetterInput();
    const [inWorker, here] = await Promise.all([pool.render('letter', { input, language: 'vi' }), renderLetter(input, 'vi')]);
    expect(inWorker.equals(here)).toBe(true);
  });

  it('ends a task past its time limit (RenderTimedOut), and renders the next one', async () => {
    const hurried = new DocumentRenderPool({ threads: 1, timeoutMs: 100 });
    try {
      await expect(hurried.render('letter', { input: sampleLetterInput({ measures: 200, identifiers: 500 }), language: 'en' })).rejects.toBeInstanceOf(RenderTimedOut);
    } finally {
      await hurried.close();
    }
    expect((await pool.render('letter', { input: sampleLetterInput(), language: 'en' })).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a kind it does not know', async () => {
    await expect(pool.render('poem' as never, {} as never)).rejects.toThrow(/no renderer for documents of kind "poem"/);
  });
});
