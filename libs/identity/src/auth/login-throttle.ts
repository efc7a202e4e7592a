import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppException, REDIS, RedisKeys } from '@mla/core';

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

/** Counts failed logins per e-mail in Redis: the 11th failure within 15 minutes answers 429. */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async assertAllowed(email: string): Promise<void> {
    const failures = await this.failures(email);
    if (failures >= MAX_FAILURES) {
      const ttl = await this.redis.ttl(this.key(email));
      throw new AppException('RATE_LIMITED', `Too many failed logins for this account; try again in ${Math.max(ttl, 1)} s`, undefined, {
        retryAfterSeconds: Math.max(ttl, 1),
      });
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    await this.redis
      .multi()
      .incr(key)
      .expire(key, WINDOW_SECONDS, 'NX')
      .exec()
      .catch((error: unknown) => this.unavailable(error));
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email)).catch((error: unknown) => this.unavailable(error));
  }

  /** With Redis unreachable, logins are not throttled (and still work) rather than refused. */
  private async failures(email: string): Promise<number> {
    try {
      return Number((await this.redis.get(this.key(email))) ?? 0);
    } catch (error) {
      this.unavailable(error);
      return 0;
    }
  }

  private unavailable(error: unknown): void {
    this.logger.warn(`login throttle unavailable (Redis): ${String(error)}`);
  }

  private key(email: string): string {
    return this.keys.key('login-failures', email.toLowerCase());
  }
}
