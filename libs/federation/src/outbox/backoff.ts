/** The longest wait between two attempts of a federation message. */
export const FEDERATION_BACKOFF_CAP_MS = 6 * 3600_000;

/**
 * How long after its `attempts`-th failed attempt a message is tried again: `baseMs` doubled
 * at each attempt (base, 2 base, 4 base, …), at most FEDERATION_BACKOFF_CAP_MS. Exact (no
 * jitter): the waits are read from the injected clock, one row per message, so no herd forms.
 */
export function federationRetryDelay(attempts: number, baseMs: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('a retry follows at least one attempt');
  return Math.min(FEDERATION_BACKOFF_CAP_MS, baseMs * 2 ** Math.min(attempts - 1, 40));
}

/** What follows a failed attempt: DEAD after the last one, else PENDING again at the time given. */
export function afterFailure(attempts: number, maxAttempts: number, now: Date, baseMs: number): { state: 'DEAD' } | { state: 'PENDING'; nextAttemptAt: Date } {
  if (attempts >= maxAttempts) return { state: 'DEAD' };
  return { state: 'PENDING', nextAttemptAt: new Date(now.getTime() + federationRetryDelay(attempts, baseMs)) };
}
