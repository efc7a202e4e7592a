import { AppConfig, PgChannelListener, SweepLoop } from '@mla/core';
import type { NodeIdentity } from '../identity/node-identity';

/**
 * The NOTIFY channels of federation work (migration 1765340000000), one per table, each sent
 * by PostgreSQL at the commit of a transaction that wrote work for the worker:
 * - `federation_outbox`: a message written, a DEAD message retried, a peer resumed;
 * - `federation_files`: a file a peer announced (IN, ARRIVING), or one back to ARRIVING.
 */
export const FEDERATION_CHANNELS = { outbox: 'federation_outbox', files: 'federation_files' } as const;
export type FederationChannel = (typeof FEDERATION_CHANNELS)[keyof typeof FEDERATION_CHANNELS];

interface WakeLogger {
  warn(message: string): void;
}

/**
 * Runs a sweep loop's pass as soon as federation work commits on `channel`, rather than at its
 * next tick: LISTEN on a connection of its own (FEDERATION_LISTEN), `loop.wake()` at every
 * NOTIFY (wakes during a pass coalesce into one more pass) and when that connection comes back
 * after a loss (retried every second: the NOTIFYs sent meanwhile are gone, the pass finds their
 * rows). The loop's timer stays the safety net, and the only schedule when the first LISTEN
 * fails or FEDERATION_LISTEN is false. A node that does not federate (the single-node mode, no
 * key) listens to nothing. Start it before the loop (nothing committed between is missed), once
 * the node's identity is loaded (onApplicationBootstrap); stop it with the loop.
 *
 *   this.loop = new SweepLoop(name, config.FEDERATION_…_INTERVAL_MS, () => service.sweep(), logger);
 *   this.wake = new FederationWake(config, identity, FEDERATION_CHANNELS.files, this.loop, logger);
 *   // onApplicationBootstrap: await this.wake.start(); await this.loop.start();
 *   // onApplicationShutdown:  await this.wake.stop(); await this.loop.stop();
 */
export class FederationWake {
  private listener: PgChannelListener | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly identity: NodeIdentity,
    readonly channel: FederationChannel,
    private readonly loop: SweepLoop,
    private readonly logger: WakeLogger,
  ) {}

  /** Whether it listens (after start()). */
  get listening(): boolean {
    return this.listener !== null;
  }

  async start(): Promise<void> {
    if (!this.config.FEDERATION_LISTEN || !this.identity.federates || this.listener) return;
    const wake = () => this.loop.wake();
    const listener = new PgChannelListener(this.config.DATABASE_URL, this.channel, { onNotify: wake, onReconnect: wake }, this.logger);
    try {
      await listener.start();
      this.listener = listener;
    } catch (error) {
      this.logger.warn(`LISTEN ${this.channel} failed, working on its timer only: ${String(error)}`);
    }
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
  }
}
