import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type Redis from 'ioredis';

/** One atomic step: count a call in a fixed window (KEYS[1]; ARGV[1] = window ms); answers {calls, ms left}. */
const INCR = `
local current = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if current == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}
`;

type CountingRedis = Redis & { apiRateIncr(key: string, windowMs: number): Promise<[number, number]> };

const MEMORY_MAX_KEYS = 100_000;

/**
 * The store of the API-wide limit (@fastify/rate-limit): counters in Redis under
 * `<prefix>`, one Lua step per call (INCR with expiry, never read-then-write), shared by
 * every replica. While Redis is unreachable, this replica counts in its own memory instead,
 * so that the API keeps answering and stays limited.
 */
export function rateLimitStore(redis: Redis, prefix: string, onUnavailable: (error: unknown) => void): FastifyRateLimitStoreCtor {
  const counting = redis as CountingRedis;
  if (!counting.apiRateIncr) redis.defineCommand('apiRateIncr', { numberOfKeys: 1, lua: INCR });
  const memory = new Map<string, { count: number; resetAt: number }>();

  const inMemory = (key: string, windowMs: number): { current: number; ttl: number } => {
    const now = Date.now();
    let e = memory.get(key);
    if (!e || e.resetAt <= now) {
      if (memory.size >= MEMORY_MAX_KEYS) {
        for (const [k, v] of memory) if (v.resetAt <= now) memory.delete(k);
        if (memory.size >= MEMORY_MAX_KEYS) memory.delete(memory.keys().next().value as string);
      }
      e = { count: 0, resetAt: now + windowMs };
      memory.set(key, e);
    }
    e.count++;
    return { current: e.count, ttl: e.resetAt - now };
  };

  return class ApiRateLimitStore implements FastifyRateLimitStore {
    private readonly windowMs: number;
    constructor(options: FastifyRateLimitOptions) {
      const window = (options as { timeWindow?: unknown }).timeWindow;
      this.windowMs = typeof window === 'number' ? window : 60_000;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      const windowMs = typeof timeWindow === 'number' ? timeWindow : this.windowMs;
      const fullKey = `${prefix}${key}`;
      if (counting.status !== 'ready') {
        onUnavailable(`connection ${counting.status}`);
        callback(null, inMemory(fullKey, windowMs));
        return;
      }
      counting.apiRateIncr(fullKey, windowMs).then(
        ([current, ttl]) => callback(null, { current: Number(current), ttl: Number(ttl) }),
        (error: unknown) => {
          onUnavailable(error);
          callback(null, inMemory(fullKey, windowMs));
        },
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
