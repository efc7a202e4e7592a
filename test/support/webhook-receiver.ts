import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, any>;
  at: number;
}

/** What the receiver answers to one POST: a status, or `hang` (never answer). */
export type ReceiverReply = number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests. `replies` scripts the answers in
 * order (then 200); `next(n)` resolves when the n-th request has arrived: an event, not a poll.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  replies: ReceiverReply[] = [];
  private server?: Server;
  private waiters: { count: number; resolve: () => void }[] = [];
  private hanging: ServerResponse[] = [];

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, body, json: JSON.parse(body) as Record<string, any>, at: Date.now() });
        const reply = this.replies.shift() ?? 200;
        if (reply === 'hang') this.hanging.push(res);
        else res.writeHead(reply).end();
        this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/hooks`;
  }

  /** Resolves once `count` requests in all have arrived. */
  next(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json.type === type);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
