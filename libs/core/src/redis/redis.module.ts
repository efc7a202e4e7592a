import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

/** Creates an ioredis connection that fails fast instead of queueing commands forever. */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** Key names in Redis always carry the instance's prefix, so instances never collide. */
@Injectable()
export class RedisKeys {
  constructor(private readonly config: AppConfig) {}
  key(...parts: string[]): string {
    return [this.config.QUEUE_PREFIX, ...parts].join(':');
  }
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [AppConfig], useFactory: (config: AppConfig) => createRedis(config.REDIS_URL, 'mla-hub') },
    RedisKeys,
    RedisCloser,
  ],
  exports: [REDIS, RedisKeys],
})
export class RedisModule {}
