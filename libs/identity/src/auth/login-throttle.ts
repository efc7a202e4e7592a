import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppException, REDIS, RedisKeys } from '@mla/core';

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

/** Counts failed logins per e-mail in Redis: the 11th failure within 15 minutes answers 429. */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async assertAllowed(email: string): Promise<void> {
    const failures = Number((await this.redis.get(this.key(email))) ?? 0);
    if (failures >= MAX_FAILURES) {
      const ttl = await this.redis.ttl(this.key(email));
      throw new AppException('RATE_LIMITED', `Too many failed logins for this account; try again in ${Math.max(ttl, 1)} s`, undefined, {
        retryAfterSeconds: Math.max(ttl, 1),
      });
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    await this.redis.multi().incr(key).expire(key, WINDOW_SECONDS, 'NX').exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }

  private key(email: string): string {
    return this.keys.key('login-failures', email.toLowerCase());
  }
}
