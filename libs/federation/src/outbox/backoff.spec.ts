import { afterFailure, FEDERATION_BACKOFF_CAP_MS, federationRetryDelay } from './backoff';

describe('the retry schedule of federation messages (DESIGN §15)', () => {
  it('doubles the wait after each failed attempt, from the base, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => federationRetryDelay(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(federationRetryDelay(11, 30_000)).toBe(FEDERATION_BACKOFF_CAP_MS);
    expect(federationRetryDelay(1_000, 30_000)).toBe(FEDERATION_BACKOFF_CAP_MS);
    expect(() => federationRetryDelay(0, 30_000)).toThrow(RangeError);
  });

  it('is PENDING again at now + the wait until the last attempt, then DEAD', () => {
    const now = new Date('2026-11-02T03:00:00.000Z');
    expect(afterFailure(1, 3, now, 1000)).toEqual({ state: 'PENDING', nextAttemptAt: new Date('2026-11-02T03:00:01.000Z') });
    expect(afterFailure(2, 3, now, 1000)).toEqual({ state: 'PENDING', nextAttemptAt: new Date('2026-11-02T03:00:02.000Z') });
    expect(afterFailure(3, 3, now, 1000)).toEqual({ state: 'DEAD' });
    expect(afterFailure(1, 1, now, 1000)).toEqual({ state: 'DEAD' });
  });
});
