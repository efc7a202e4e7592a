import rateLimit from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { AppConfig, AppException, clientKey, REDIS, RedisKeys } from '@mla/core';
import { Authenticator, SessionTokens } from '@mla/identity';
import { redisOrMemoryStore } from './rate-limit-store';

/**
 * The API-wide limit (DESIGN §12): RATE_LIMIT_PER_USER calls per RATE_LIMIT_WINDOW_MS for a
 * caller with a valid session token (counted per user, wherever they call from), and
 * RATE_LIMIT_PER_CLIENT per client address for every other call; 429 RATE_LIMITED with
 * Retry-After beyond. Counters live in Redis (atomic, shared by the replicas), in memory
 * while Redis is down. The health probes are never limited. Registered before the routes.
 */
export async function registerApiRateLimit(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  if (config.RATE_LIMIT_PER_USER === 0 && config.RATE_LIMIT_PER_CLIENT === 0) return;
  const authenticator = app.get(Authenticator);
  const tokens = app.get(SessionTokens);
  const redis = app.get<Redis>(REDIS);
  const logger = new Logger('RateLimit');
  let warned = 0;
  const onUnavailable = (error: unknown) => {
    if (Date.now() - warned < 60_000) return;
    warned = Date.now();
    logger.warn(`API limits counted in memory: Redis unavailable (${String(error)})`);
  };
  const limitOf = (key: string) => (key.startsWith('u:') ? config.RATE_LIMIT_PER_USER : config.RATE_LIMIT_PER_CLIENT);

  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    store: redisOrMemoryStore(redis, `${app.get(RedisKeys).key('ratelimit', 'api')}:`, onUnavailable),
    keyGenerator: async (request: FastifyRequest) => {
      try {
        const credential = authenticator.credentialOf(request);
        if (credential) return `u:${(await tokens.verify(credential.token)).sub}`;
      } catch {
        // not a valid token: counted per client
      }
      return `c:${clientKey(request)}`;
    },
    max: (_request: FastifyRequest, key: string) => limitOf(key),
    allowList: (request: FastifyRequest, key: string) => limitOf(key) === 0 || request.url.startsWith('/health/'),
    errorResponseBuilder: (_request, context) =>
      new AppException('RATE_LIMITED', `Too many requests; retry in ${context.after}`, undefined, { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}
