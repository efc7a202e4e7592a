import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, dataSourceOptions, HostResolver, runMigrationsWithLock } from '@mla/core';
import { WorkerModule } from './worker.module';

export interface CreateWorkerOptions {
  config: AppConfig;
  clock?: Clock;
  /** Tests pass a resolver that answers the addresses they choose (webhook targets). */
  resolver?: HostResolver;
  migrate?: boolean;
}

/**
 * Builds the worker: an application context (no HTTP) whose queue consumers start on init.
 * It may start before the API, so it first applies migrations under the same advisory lock.
 */
export async function createWorker(options: CreateWorkerOptions): Promise<INestApplicationContext> {
  if (options.migrate ?? options.config.MIGRATIONS_RUN) {
    const ds = new DataSource(dataSourceOptions(options.config.DATABASE_URL, 2)); // one holds the lock, one migrates
    await ds.initialize();
    try {
      await runMigrationsWithLock(ds);
    } finally {
      await ds.destroy();
    }
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(options), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
