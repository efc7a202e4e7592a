import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, SweepLoop } from '@mla/core';
import { NodeIdentity } from '../identity/node-identity';
import { FEDERATION_CHANNELS, FederationWake } from '../wake/federation-wake';
import { FederationDeliveryService } from './federation-delivery.service';

/**
 * When the worker delivers federation messages: at start, at once when a message commits (a
 * NOTIFY on `federation_outbox`, FEDERATION_LISTEN; also an ADMIN's retry and a peer resumed),
 * and every FEDERATION_DELIVERY_INTERVAL_MS (this process's timer, the safety net: the due
 * times are in the database, so neither a lost NOTIFY nor a lost Redis loses anything).
 * Tests call `deliverDue()` themselves with their clock.
 */
@Injectable()
export class FederationDeliverySweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly loop: SweepLoop;
  readonly wake: FederationWake;

  constructor(config: AppConfig, identity: NodeIdentity, delivery: FederationDeliveryService) {
    const logger = new Logger(FederationDeliverySweeps.name);
    this.loop = new SweepLoop('federation delivery', config.FEDERATION_DELIVERY_INTERVAL_MS, () => delivery.deliverDue(), logger);
    this.wake = new FederationWake(config, identity, FEDERATION_CHANNELS.outbox, this.loop, logger);
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
