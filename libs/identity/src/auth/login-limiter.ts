import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, AppException, REDIS, RedisKeys } from '@mla/core';
import { accountKeyOf, type TrustedDevice } from './device-tokens';

/**
 * One atomic step in Redis: refuse, or reserve an attempt. An attempt is counted *before*
 * its password is checked, so parallel attempts can never all pass a check that would
 * have stopped them one by one (no read-then-write).
 * KEYS: pair (account × client), client, account, the pair's slowdown slot.
 * ARGV: pair max, client max, window ms, slowdown after, first pause ms, longest pause ms.
 * Answers {0, 0, pair count, client count} (reserved; the counts with this attempt) or
 * {limit, retry after ms}: 1 pair, 2 client, 3 slowdown.
 */
const RESERVE = `
local pair = tonumber(redis.call('GET', KEYS[1]) or '0')
if pair >= tonumber(ARGV[1]) then return {1, redis.call('PTTL', KEYS[1])} end
local client = tonumber(redis.call('GET', KEYS[2]) or '0')
if client >= tonumber(ARGV[2]) then return {2, redis.call('PTTL', KEYS[2])} end
local account = tonumber(redis.call('GET', KEYS[3]) or '0')
if pair > 0 and account >= tonumber(ARGV[4]) then
  local pause = math.floor(math.min(tonumber(ARGV[5]) * 2 ^ math.min(account - tonumber(ARGV[4]), 40), tonumber(ARGV[6])))
  if not redis.call('SET', KEYS[4], '1', 'PX', pause, 'NX') then return {3, redis.call('PTTL', KEYS[4])} end
end
local counts = {}
for i = 1, 3 do
  counts[i] = redis.call('INCR', KEYS[i])
  if counts[i] == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return {0, 0, counts[1], counts[2]}
`;

/**
 * A client with a device token: its own count only. KEYS: the device's count. ARGV: max,
 * window ms. Answers {0, 0, count} (reserved) or {4, retry after ms}.
 */
const RESERVE_DEVICE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return {4, redis.call('PTTL', KEYS[1])} end
count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {0, 0, count, 0}
`;

/** Gives a device's reservation back: ARGV[1] = 1 on success (its count starts again). */
const RELEASE_DEVICE = `
if ARGV[1] == '1' or redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
return 0
`;

/** Gives a reservation back: ARGV[1] = 1 on success (the pair starts again), 0 when the check could not run. */
const RELEASE = `
if ARGV[1] == '1' then
  redis.call('DEL', KEYS[1], KEYS[4])
else
  if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
end
for i = 2, 3 do
  if redis.call('DECR', KEYS[i]) <= 0 then redis.call('DEL', KEYS[i]) end
end
return 0
`;

type LimiterRedis = Redis & {
  loginReserve(k1: string, k2: string, k3: string, k4: string, ...args: (string | number)[]): Promise<[number, number]>;
  loginRelease(k1: string, k2: string, k3: string, k4: string, success: string): Promise<number>;
  loginReserveDevice(k1: string, ...args: (string | number)[]): Promise<[number, number, number, number]>;
  loginReleaseDevice(k1: string, success: string): Promise<number>;
};

export type LoginLimit = 'account-client' | 'client' | 'slowdown' | 'device';
const LIMITS: Record<number, LoginLimit> = { 1: 'account-client', 2: 'client', 3: 'slowdown', 4: 'device' };

/** An attempt allowed to check a password; settle it with succeeded() or released(). */
export interface LoginReservation {
  /** The limits' keys: an unknown client's four, or a trusted device's one. */
  keys: [string, string, string, string] | [string];
  store: 'redis' | 'memory';
  /** Wrong passwords left, should this one be wrong, before this client is paused on this account. */
  attemptsRemaining: number;
}

const MEMORY_MAX_KEYS = 100_000;

/**
 * The limits on wrong passwords (DESIGN §12), in Redis and atomic:
 *  - per account and client address (LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT in the window):
 *    an attacker's address is stopped on that account, while the owner, from any other
 *    address, still signs in;
 *  - per client address over all accounts (LOGIN_MAX_FAILURES_PER_CLIENT): spraying
 *    passwords across accounts from one address is stopped;
 *  - per account, a slowdown: once the account has LOGIN_SLOWDOWN_AFTER failures from
 *    anywhere, a client that has itself failed on it waits between attempts (a pause that
 *    doubles with every further failure, up to LOGIN_SLOWDOWN_MAX_MS). A client without a
 *    failure on the account is never slowed, so the owner is never locked out.
 * A success clears its own account-and-client count.
 * A client that signed in to the account before and presents its device token (DeviceTokens)
 * meets none of these: only its own count of wrong passwords (LOGIN_MAX_FAILURES_PER_DEVICE),
 * cleared by a success. So whoever hammers an account, its owner's browser still signs in.
 * While Redis is unreachable, the same limits hold in this process's memory (per replica)
 * rather than not at all.
 * Client addresses are counted per IPv4 address or IPv6 /64.
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger(LoginLimiter.name);
  private readonly redis: LimiterRedis;
  private readonly memory = new Map<string, { count: number; expiresAt: number }>();
  private warned = false;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {
    if (!(redis as unknown as Partial<LimiterRedis>).loginReserve) {
      redis.defineCommand('loginReserve', { numberOfKeys: 4, lua: RESERVE });
      redis.defineCommand('loginRelease', { numberOfKeys: 4, lua: RELEASE });
      redis.defineCommand('loginReserveDevice', { numberOfKeys: 1, lua: RESERVE_DEVICE });
      redis.defineCommand('loginReleaseDevice', { numberOfKeys: 1, lua: RELEASE_DEVICE });
    }
    this.redis = redis as unknown as LimiterRedis;
  }

  /**
   * Reserves an attempt for this account (e-mail, any case) from this client, or from this
   * trusted device (its token verified for this account), or throws 429 RATE_LIMITED with
   * Retry-After.
   */
  async reserve(email: string, client: string, device?: TrustedDevice | null): Promise<LoginReservation> {
    if (device) return this.reserveDevice(device);
    const account = accountKeyOf(email);
    const keys: [string, string, string, string] = [
      this.keys.key('login', 'pair', account, client),
      this.keys.key('login', 'client', client),
      this.keys.key('login', 'account', account),
      this.keys.key('login', 'slow', account, client),
    ];
    const c = this.config;
    const args = [c.LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT, c.LOGIN_MAX_FAILURES_PER_CLIENT, c.LOGIN_WINDOW_SECONDS * 1000, c.LOGIN_SLOWDOWN_AFTER, c.LOGIN_SLOWDOWN_MS, c.LOGIN_SLOWDOWN_MAX_MS];
    let answer: number[];
    let store: LoginReservation['store'] = 'redis';
    if (this.redis.status === 'ready') {
      try {
        answer = await this.redis.loginReserve(...keys, ...args);
        this.warned = false;
      } catch (error) {
        this.unavailable(error);
        store = 'memory';
        answer = this.reserveInMemory(keys);
      }
    } else {
      this.unavailable(`connection ${this.redis.status}`);
      store = 'memory';
      answer = this.reserveInMemory(keys);
    }
    const [limit, retryMs, pair = 0, clients = 0] = answer.map(Number) as [number, number, number?, number?];
    if (limit !== 0) throw refusal(LIMITS[limit] ?? 'client', retryMs);
    const attemptsRemaining = Math.max(0, Math.min(c.LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT - pair, c.LOGIN_MAX_FAILURES_PER_CLIENT - clients));
    return { keys, store, attemptsRemaining };
  }

  private async reserveDevice(device: TrustedDevice): Promise<LoginReservation> {
    const keys: [string] = [this.keys.key('login', 'device', device.id)];
    const c = this.config;
    let answer: number[];
    let store: LoginReservation['store'] = 'redis';
    try {
      if (this.redis.status !== 'ready') throw new Error(`connection ${this.redis.status}`);
      answer = await this.redis.loginReserveDevice(keys[0], c.LOGIN_MAX_FAILURES_PER_DEVICE, c.LOGIN_WINDOW_SECONDS * 1000);
      this.warned = false;
    } catch (error) {
      this.unavailable(error);
      store = 'memory';
      answer = this.reserveDeviceInMemory(keys[0]);
    }
    const [limit, retryMs, count = 0] = answer.map(Number) as [number, number, number?];
    if (limit !== 0) throw refusal('device', retryMs);
    return { keys, store, attemptsRemaining: Math.max(0, c.LOGIN_MAX_FAILURES_PER_DEVICE - count) };
  }

  /** The password was right: this account-and-client count starts again. */
  succeeded(r: LoginReservation): Promise<void> {
    return this.release(r, true);
  }

  /** The check could not run (an error): the attempt is given back. */
  released(r: LoginReservation): Promise<void> {
    return this.release(r, false);
  }

  private async release(r: LoginReservation, success: boolean): Promise<void> {
    if (r.keys.length === 1) {
      if (r.store === 'memory') return this.releaseDeviceInMemory(r.keys[0], success);
      await this.redis.loginReleaseDevice(r.keys[0], success ? '1' : '0').catch((error: unknown) => this.unavailable(error));
      return;
    }
    if (r.store === 'memory') return this.releaseInMemory(r.keys, success);
    await this.redis.loginRelease(...r.keys, success ? '1' : '0').catch((error: unknown) => this.unavailable(error));
  }

  private unavailable(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`login limits held in memory: Redis unavailable (${String(error)})`);
  }

  // The same algorithm in this process's memory (one thread: each call is atomic).

  private count(key: string, now: number): number {
    const e = this.memory.get(key);
    if (!e) return 0;
    if (e.expiresAt <= now) {
      this.memory.delete(key);
      return 0;
    }
    return e.count;
  }

  private retry(key: string, now: number): number {
    return Math.max(0, (this.memory.get(key)?.expiresAt ?? now) - now);
  }

  private reserveDeviceInMemory(key: string): [number, number, number] {
    const now = Date.now();
    const count = this.count(key, now);
    if (count >= this.config.LOGIN_MAX_FAILURES_PER_DEVICE) return [4, this.retry(key, now), count];
    const e = this.memory.get(key);
    if (e && e.expiresAt > now) e.count++;
    else this.set(key, 1, now + this.config.LOGIN_WINDOW_SECONDS * 1000);
    return [0, 0, count + 1];
  }

  private releaseDeviceInMemory(key: string, success: boolean): void {
    const e = this.memory.get(key);
    if (success || (e && --e.count <= 0)) this.memory.delete(key);
  }

  private reserveInMemory([pairKey, clientKey, accountKey, slowKey]: [string, string, string, string]): number[] {
    const now = Date.now();
    const c = this.config;
    const pair = this.count(pairKey, now);
    if (pair >= c.LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT) return [1, this.retry(pairKey, now)];
    if (this.count(clientKey, now) >= c.LOGIN_MAX_FAILURES_PER_CLIENT) return [2, this.retry(clientKey, now)];
    const account = this.count(accountKey, now);
    if (pair > 0 && account >= c.LOGIN_SLOWDOWN_AFTER) {
      if (this.count(slowKey, now) > 0) return [3, this.retry(slowKey, now)];
      const pause = Math.floor(Math.min(c.LOGIN_SLOWDOWN_MS * 2 ** Math.min(account - c.LOGIN_SLOWDOWN_AFTER, 40), c.LOGIN_SLOWDOWN_MAX_MS));
      this.set(slowKey, 1, now + pause);
    }
    for (const key of [pairKey, clientKey, accountKey]) {
      const e = this.memory.get(key);
      if (e && e.expiresAt > now) e.count++;
      else this.set(key, 1, now + c.LOGIN_WINDOW_SECONDS * 1000);
    }
    return [0, 0, pair + 1, this.count(clientKey, now)];
  }

  private releaseInMemory([pairKey, clientKey, accountKey, slowKey]: [string, string, string, string], success: boolean): void {
    if (success) {
      this.memory.delete(pairKey);
      this.memory.delete(slowKey);
    }
    for (const key of success ? [clientKey, accountKey] : [pairKey, clientKey, accountKey]) {
      const e = this.memory.get(key);
      if (e && --e.count <= 0) this.memory.delete(key);
    }
  }

  private set(key: string, count: number, expiresAt: number): void {
    if (this.memory.size >= MEMORY_MAX_KEYS) {
      const now = Date.now();
      for (const [k, e] of this.memory) if (e.expiresAt <= now) this.memory.delete(k);
      if (this.memory.size >= MEMORY_MAX_KEYS) this.memory.delete(this.memory.keys().next().value as string);
    }
    this.memory.delete(key);
    this.memory.set(key, { count, expiresAt });
  }
}

function refusal(limit: LoginLimit, retryMs: number): AppException {
  const seconds = Math.max(1, Math.ceil(retryMs / 1000));
  const detail =
    limit === 'device'
      ? `Too many wrong passwords from this device; try again in ${seconds} s`
      : limit === 'slowdown'
      ? `This account has seen many wrong passwords; wait ${seconds} s before the next attempt from this address`
      : limit === 'client'
        ? `Too many wrong passwords from this address; try again in ${seconds} s`
        : `Too many failed logins for this account from this address; try again in ${seconds} s`;
  return new AppException('RATE_LIMITED', detail, undefined, { retryAfterSeconds: seconds, limit });
}
