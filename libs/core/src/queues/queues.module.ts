import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QUEUES } from './queue-names';

/** ioredis options BullMQ needs from REDIS_URL (it opens its own connections from them). */
export function bullConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** The options every BullMQ worker process uses: connection, prefix, lock and stall settings. */
export function workerOptions(config: AppConfig) {
  return {
    connection: { ...bullConnection(config.REDIS_URL), maxRetriesPerRequest: null },
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
  };
}

/**
 * The BullMQ queues, registered for producers anywhere (the API schedules deadline jobs);
 * their processors are loaded only by the worker. Keys carry QUEUE_PREFIX.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: bullConnection(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue({ name: QUEUES.deadlines }, { name: QUEUES.notifications }),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
