import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { AppConfig, AppException, REDIS, RedisKeys } from '@mla/core';

/**
 * Takes a place for a transfer in one user's sorted set (member: the transfer, score: when
 * its lease ends, by Redis's own clock), if the user has fewer than ARGV[2] under way. Places
 * whose lease ended (a process that died mid-transfer) are dropped first. Atomic: parallel
 * transfers of one user never pass the cap together.
 * KEYS[1] the user's set; ARGV[1] lease ms, ARGV[2] the cap, ARGV[3] the transfer's id.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/** Extends a place's lease (only if it is still held). */
const RENEW = `
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  local t = redis.call('TIME')
  redis.call('ZADD', KEYS[1], 'XX', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return 1`;

/** How long a 429 for too many transfers asks the client to wait. */
export const TRANSFER_RETRY_AFTER_SECONDS = 5;

/** A place held for one transfer; `release` is idempotent. */
export interface TransferSlot {
  renew(): void;
  release(): void;
}

/**
 * Per-user caps on concurrent file transfers (TRANSFERS_PER_USER, uploads and downloads
 * together), counted in Redis so every replica sees the same count. A place's lease is
 * renewed while its transfer lives (every TRANSFER_RATE_WINDOW_MS) and lapses within two
 * windows of a process's death. While Redis is unreachable the cap holds in this process's
 * memory (per replica), as the other limits do.
 */
@Injectable()
export class TransferSlots {
  private readonly logger = new Logger(TransferSlots.name);
  private readonly local = new Map<string, Set<string>>();
  private warned = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {}

  private get leaseMs(): number {
    return 3 * this.config.TRANSFER_RATE_WINDOW_MS;
  }

  /** A place for a transfer of `userId`, or 429 RATE_LIMITED with Retry-After. */
  async acquire(userId: string): Promise<TransferSlot> {
    const id = randomUUID();
    const key = this.keys.key('transfers', userId);
    const cap = this.config.TRANSFERS_PER_USER;
    let taken: boolean;
    let remote = true;
    try {
      taken = (await this.redis.eval(ACQUIRE, 1, key, this.leaseMs, cap, id)) === 1;
    } catch (error) {
      this.warnUnavailable(error);
      remote = false;
      taken = this.acquireLocal(userId, id, cap);
    }
    if (!taken) {
      throw new AppException('RATE_LIMITED', `You have ${cap} file transfers under way; wait for one to finish`, undefined, {
        retryAfterSeconds: TRANSFER_RETRY_AFTER_SECONDS,
      });
    }
    let released = false;
    return {
      renew: () => {
        if (released || !remote) return;
        this.redis.eval(RENEW, 1, key, this.leaseMs, id).catch((error: unknown) => this.warnUnavailable(error));
      },
      release: () => {
        if (released) return;
        released = true;
        if (!remote) return void this.local.get(userId)?.delete(id);
        this.redis.zrem(key, id).catch((error: unknown) => this.warnUnavailable(error));
      },
    };
  }

  private acquireLocal(userId: string, id: string, cap: number): boolean {
    const held = this.local.get(userId) ?? new Set<string>();
    if (held.size >= cap) return false;
    held.add(id);
    this.local.set(userId, held);
    return true;
  }

  private warnUnavailable(error: unknown): void {
    if (Date.now() - this.warned < 60_000) return;
    this.warned = Date.now();
    this.logger.warn(`transfer caps counted in memory: Redis unavailable (${String(error)})`);
  }
}
