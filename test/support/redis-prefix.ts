import Redis from 'ioredis';

/**
 * Deletes every key under `${prefix}:` in the Redis at `url` (SCAN + UNLINK, a batch at a
 * time), never another prefix's: what a test leaves in the shared Redis carries its prefix.
 */
export async function removeRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
