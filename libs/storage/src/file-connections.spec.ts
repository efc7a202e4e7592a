import type { AppConfig } from '@mla/core';
import { FileConnections } from './file-connections';
import { isTooSlow } from './transfers/transfer-rate';

describe('FileConnections: files use a bounded share of the pool', () => {
  it('runs at most FILE_DB_CONNECTIONS pieces of file work at once, every one in the end, a failure freeing its place', async () => {
    const gate = new FileConnections({ FILE_DB_CONNECTIONS: 2 } as AppConfig);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = (fail: boolean) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (fail) throw new Error('lost');
        return 'done';
      });
    const all = [work(true), work(false), work(false), work(false), work(false)].map((p) => p.then((v) => v, (e: Error) => e.message));
    // Let each admitted piece start, then finish them one by one: the next starts only as one ends.
    for (let finished = 0; finished < 5; finished++) {
      while (releases.length === 0) await new Promise((r) => setImmediate(r));
      expect(running).toBeLessThanOrEqual(2);
      (releases.shift() as () => void)();
    }
    expect(await Promise.all(all)).toEqual(['lost', 'done', 'done', 'done', 'done']);
    expect(most).toBe(2);
  });
});

describe('isTooSlow: only the client is ever blamed', () => {
  it.each([
    [{ progress: 10, minBytes: 100, waitingOnClient: true }, true],
    [{ progress: 100, minBytes: 100, waitingOnClient: true }, false],
    [{ progress: 0, minBytes: 100, waitingOnClient: false }, false],
  ])('%j -> %s', (window, cut) => expect(isTooSlow(window)).toBe(cut));
});
