import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type Redis from 'ioredis';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
interface PluginStore {
  incr(key: string, callback: Callback, timeWindow: number, max: number): void;
}
type PluginStoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => PluginStore;

// @fastify/rate-limit's own stores (the package has no exports map; its version is pinned).
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as PluginStoreCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as PluginStoreCtor;

const MEMORY_KEYS = 100_000;

/**
 * The store of the API-wide limit: @fastify/rate-limit's Redis store (one Lua step per call,
 * INCR with expiry, shared by every replica) under `prefix`; while Redis is unreachable, its
 * in-memory store instead, so that the API keeps answering and stays limited (per replica).
 */
export function redisOrMemoryStore(redis: Redis, prefix: string, onUnavailable: (error: unknown) => void): FastifyRateLimitStoreCtor {
  const shared = new RedisStore(false, false, redis, prefix);
  const memory = new LocalStore(false, false, MEMORY_KEYS);
  class RedisOrMemoryStore implements FastifyRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      if (redis.status !== 'ready') {
        onUnavailable(`connection ${redis.status}`);
        memory.incr(key, callback, timeWindow, max);
        return;
      }
      shared.incr(
        key,
        (error, result) => {
          if (!error) return callback(null, result);
          onUnavailable(error);
          memory.incr(key, callback, timeWindow, max);
        },
        timeWindow,
        max,
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return RedisOrMemoryStore;
}
