import { Client } from 'pg';

interface ListenerLogger {
  warn(message: string): void;
}

/**
 * LISTEN on a PostgreSQL channel on a connection of its own: `onNotify` for every NOTIFY
 * (delivered only once the notifying transaction commits), `onReconnect` when the connection
 * comes back after a loss (notifications sent meanwhile are gone: the caller re-reads). A
 * lost connection is retried every second until `stop()`.
 */
export class PgChannelListener {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly handlers: { onNotify: () => void; onReconnect: () => void },
    private readonly logger: ListenerLogger,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`"${channel}" is not a channel name`);
  }

  /** Connects and listens; rejects when the first connection fails (the caller decides whether to go on). */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000 });
    client.on('notification', () => this.handlers.onNotify());
    client.on('error', (error) => {
      this.logger.warn(`LISTEN ${this.channel} lost (${error.message}); retrying`);
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.reconnectSoon();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private reconnectSoon(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().then(
        () => this.handlers.onReconnect(),
        () => this.reconnectSoon(),
      );
    }, 1000);
    this.retry.unref();
  }
}
