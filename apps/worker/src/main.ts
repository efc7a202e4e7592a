import 'reflect-metadata';
import { ConfigurationError, loadAppConfig } from '@mla/core';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  const config = loadAppConfig();
  await createWorker({ config });
  process.stdout.write(`MLA Hub worker running (queues under prefix "${config.QUEUE_PREFIX}" on ${new URL(config.REDIS_URL).host})\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigurationError ? error.message : `MLA Hub worker failed to start: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
