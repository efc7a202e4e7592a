
/** Why a sweep runs: at start, on the timer, when Redis came back, or woken (`wake()`: e.g. a NOTIFY of rows committed). */
export type SweepReason = 'start' | 'interval' | 'reconnect' | 'wake';

/** What the loop needs of a Redis connection: its status and its (re)connection events (ioredis, or BullMQ's client). */
export interface WatchedConnection {
  status?: string;
  on(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

interface SweepLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * The schedule of a reconciler, held by the worker process itself rather than by Redis (a
 * repeat job is lost with Redis's data): a sweep at start, then every `intervalMs` (0: none),
 * one at once whenever the watched Redis connection comes back (its data may be gone), and
 * one at once when woken (`wake()`). Sweeps never overlap: one asked for while another runs
 * follows it, however many were asked for meanwhile. A failed sweep is logged and retried at
 * the next tick.
 */
export class SweepLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private pending: SweepReason | null = null;
  private stopped = false;
  private readonly listeners: ((reason: SweepReason, result: unknown) => void)[] = [];
  private watched?: { redis: WatchedConnection; onReady: () => void };

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly sweep: (reason: SweepReason) => Promise<unknown>,
    private readonly logger: SweepLogger,
  ) {}

  /** Sweeps once (awaited), then keeps the schedule; `redis`: the connection whose return triggers a sweep. */
  async start(redis?: WatchedConnection): Promise<void> {
    if (redis) {
      // ioredis emits 'ready' on every (re)connection; the first one, if still to come, is the start.
      let first = redis.status !== 'ready';
      const handler = () => {
        if (first) first = false;
        else void this.trigger('reconnect');
      };
      redis.on('ready', handler);
      this.watched = { redis, onReady: handler };
    }
    await this.trigger('start');
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => void this.trigger('interval'), this.intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.watched) this.watched.redis.off('ready', this.watched.onReady);
    await this.running;
  }

  /** Called after every sweep with its reason and result (tests await a sweep this way). */
  onSwept(listener: (reason: SweepReason, result: unknown) => void): void {
    this.listeners.push(listener);
  }

  /**
   * A sweep at once, not waiting for the timer (something to do has just been written): or,
   * while one runs, one more right after it (wakes during a sweep coalesce into that one).
   * Ignored once stopped. Fire and forget: a failure is logged as any sweep's.
   */
  wake(): void {
    void this.trigger('wake');
  }

  /** A sweep now (or right after the one running); resolves when it has run. */
  trigger(reason: SweepReason): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.pending = this.pending === 'reconnect' || reason === 'reconnect' ? 'reconnect' : reason;
      return this.running; // it runs the pending sweep before it resolves
    }
    this.running = (async () => {
      let next: SweepReason | null = reason;
      while (next && !this.stopped) {
        this.pending = null;
        try {
          const result = await this.sweep(next);
          for (const l of this.listeners) l(next, result);
        } catch (error) {
          this.logger.warn(`${this.name} sweep (${next}) failed, retried at the next tick: ${String(error)}`);
        }
        next = this.pending;
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
