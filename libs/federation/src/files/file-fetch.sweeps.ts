import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, SweepLoop } from '@mla/core';
import { NodeIdentity } from '../identity/node-identity';
import { FEDERATION_CHANNELS, FederationWake } from '../wake/federation-wake';
import { FileFetcherService } from './file-fetcher.service';

/**
 * When the worker fetches the files peers listed: at start, at once when a file is announced
 * (a NOTIFY on `federation_files`, FEDERATION_LISTEN), and every
 * FEDERATION_DELIVERY_INTERVAL_MS as the delivery of messages (the due times are in the
 * database). Tests call `fetchDue()` themselves with their clock.
 */
@Injectable()
export class FileFetchSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly loop: SweepLoop;
  readonly wake: FederationWake;

  constructor(config: AppConfig, identity: NodeIdentity, fetcher: FileFetcherService) {
    const logger = new Logger(FileFetchSweeps.name);
    this.loop = new SweepLoop('federation files', config.FEDERATION_DELIVERY_INTERVAL_MS, () => fetcher.fetchDue(), logger);
    this.wake = new FederationWake(config, identity, FEDERATION_CHANNELS.files, this.loop, logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.wake.start();
    await this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.wake.stop();
    await this.loop.stop();
  }
}
