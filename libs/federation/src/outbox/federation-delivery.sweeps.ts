import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, SweepLoop } from '@mla/core';
import { FederationDeliveryService } from './federation-delivery.service';

/**
 * When the worker delivers federation messages: at start, then every
 * FEDERATION_DELIVERY_INTERVAL_MS (this process's timer; the due times are in the database,
 * so a lost Redis loses nothing). Tests call `deliverDue()` themselves with their clock.
 */
@Injectable()
export class FederationDeliverySweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly loop: SweepLoop;

  constructor(config: AppConfig, delivery: FederationDeliveryService) {
    this.loop = new SweepLoop('federation delivery', config.FEDERATION_DELIVERY_INTERVAL_MS, () => delivery.deliverDue(), new Logger(FederationDeliverySweeps.name));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.loop.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
