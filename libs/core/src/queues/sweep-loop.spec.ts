import { SweepLoop, type SweepReason } from './sweep-loop';

/** A sweep that stays running until the test lets it end: what each pass was asked for, in order. */
function heldSweeps() {
  const reasons: SweepReason[] = [];
  const releases: (() => void)[] = [];
  const sweep = (reason: SweepReason) => {
    reasons.push(reason);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  const release = () => releases.shift()?.();
  return { reasons, sweep, release };
}

const logger = { log: () => undefined, warn: () => undefined };

describe('SweepLoop.wake', () => {
  it('runs a pass at once, not waiting for the interval', async () => {
    const done: SweepReason[] = [];
    const loop = new SweepLoop('test', 3_600_000, async () => undefined, logger);
    loop.onSwept((reason) => done.push(reason));
    await loop.start();
    const swept = new Promise<SweepReason>((resolve) => loop.onSwept((reason) => resolve(reason)));
    loop.wake();
    expect(await swept).toBe('wake');
    expect(done).toEqual(['start', 'wake']);
    await loop.stop();
  });

  it('coalesces the wakes that come during a pass into one more pass after it', async () => {
    const held = heldSweeps();
    const loop = new SweepLoop('test', 0, held.sweep, logger);
    const passes: SweepReason[] = [];
    loop.onSwept((reason) => passes.push(reason));
    loop.wake();
    expect(held.reasons).toEqual(['wake']);
    loop.wake();
    loop.wake();
    loop.wake();
    expect(held.reasons).toEqual(['wake']); // no second pass while one runs
    const next = new Promise<void>((resolve) => loop.onSwept(() => passes.length === 1 && resolve()));
    held.release();
    await next;
    await Promise.resolve();
    expect(held.reasons).toEqual(['wake', 'wake']);
    held.release();
    await loop.stop();
    expect(passes).toEqual(['wake', 'wake']);
  });

  it('keeps a pending reconnect sweep when woken meanwhile, and ignores wakes once stopped', async () => {
    const held = heldSweeps();
    const loop = new SweepLoop('test', 0, held.sweep, logger);
    loop.wake();
    void loop.trigger('reconnect');
    loop.wake();
    held.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.reasons).toEqual(['wake', 'reconnect']);
    held.release();
    await loop.stop();
    loop.wake();
    expect(held.reasons).toEqual(['wake', 'reconnect']);
  });
});
