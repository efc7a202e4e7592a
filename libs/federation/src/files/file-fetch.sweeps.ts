import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, SweepLoop } from '@mla/core';
import { FileFetcherService } from './file-fetcher.service';

/**
 * When the worker fetches the files peers listed: at start, then every
 * FEDERATION_DELIVERY_INTERVAL_MS, as the delivery of messages (the due times are in the
 * database). Tests call `fetchDue()` themselves with their clock.
 */
@Injectable()
export class FileFetchSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly loop: SweepLoop;

  constructor(config: AppConfig, fetcher: FileFetcherService) {
    this.loop = new SweepLoop('federation files', config.FEDERATION_DELIVERY_INTERVAL_MS, () => fetcher.fetchDue(), new Logger(FileFetchSweeps.name));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.loop.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
