import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import type { WebhookTarget } from '@mla/core';
import { NO_HTTP_ANSWER, pinnedLookup, postWebhook, WEBHOOK_RESPONSE_CAP_BYTES } from './webhook-sender';

/** A server on 127.0.0.1 whose handler the test gives; it records what it saw. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number; hosts: string[] }> {
  const hosts: string[] = [];
  const server = createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    req.resume();
    req.on('end', () => handler(req, res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, hosts };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

/** A target named by a host that no DNS knows, pinned to 127.0.0.1: a connection can only come from the pin. */
const target = (port: number, path = '/hooks'): WebhookTarget => ({
  url: new URL(`http://hooks.unresolvable.invalid:${port}${path}`),
  hostname: 'hooks.unresolvable.invalid',
  literal: false,
  addresses: [{ address: '127.0.0.1', family: 4 }],
});

describe('postWebhook', () => {
  it('connects to the checked address only, with the URL host as Host header', async () => {
    const s = await serve((_req, res) => res.writeHead(204).end());
    try {
      const result = await postWebhook(target(s.port), { 'webhook-id': 'x' }, '{}', 5000);
      expect(result).toMatchObject({ ok: true, statusCode: 204, error: null });
      expect(s.hosts).toEqual([`hooks.unresolvable.invalid:${s.port}`]);
    } finally {
      await close(s.server);
    }
  });

  it('reads at most the cap of a 10 MiB answer, then closes the connection: still a success for a 2xx', async () => {
    let written = 0;
    let finished = false;
    let onClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (onClosed = resolve));
    const started = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const total = 10 * 1024 * 1024;
      res.on('close', onClosed);
      res.on('finish', () => (finished = true));
      // Written as fast as the client reads (backpressure), as a real server would.
      const pump = (): void => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    try {
      const result = await postWebhook(target(started.port), {}, '{}', 5000);
      expect(result.ok).toBe(true);
      expect(result.statusCode).toBe(200);
      expect(result.responseBytes).toBeGreaterThanOrEqual(WEBHOOK_RESPONSE_CAP_BYTES);
      expect(result.responseBytes).toBeLessThanOrEqual(2 * WEBHOOK_RESPONSE_CAP_BYTES);
      await closed;
      expect(finished).toBe(false);
      expect(written).toBeLessThan(10 * 1024 * 1024);
    } finally {
      await close(started.server);
    }
  });

  it('follows no redirect, and bounds the attempt by the timeout', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
      // '/hang': never answers
    });
    try {
      expect(await postWebhook(target(s.port, '/moved'), {}, '{}', 5000)).toMatchObject({ ok: false, statusCode: 302, error: 'redirect not followed' });
      expect(await postWebhook(target(s.port, '/hang'), {}, '{}', 200)).toEqual({ ok: false, statusCode: null, error: NO_HTTP_ANSWER });
    } finally {
      await close(s.server);
    }
  });

  it('records a closed port exactly as a silent one: no port-scan detail in lastError (issue 22 item 7)', async () => {
    const s = await serve(() => undefined);
    const closedPort = s.port;
    await close(s.server);
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket.on('error', () => undefined))); // accepts, never answers HTTP
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const refused = await postWebhook(target(closedPort, '/'), {}, '{}', 300);
      const hanging = await postWebhook(target((silent.address() as AddressInfo).port, '/'), {}, '{}', 300);
      expect(refused).toEqual({ ok: false, statusCode: null, error: NO_HTTP_ANSWER });
      expect(hanging).toEqual(refused);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('pinnedLookup', () => {
  it('answers the checked addresses, filtered by the family asked, and never looks the name up', async () => {
    const lookup = pinnedLookup([
      { address: '8.8.8.8', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
    const all = await new Promise((resolve) => lookup('anything.invalid', { all: true }, (_e, a) => resolve(a)));
    expect(all).toEqual([
      { address: '8.8.8.8', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
    const v6 = await new Promise((resolve) => lookup('anything.invalid', { family: 6 }, (_e, a, f) => resolve([a, f])));
    expect(v6).toEqual(['2606:4700:4700::1111', 6]);
    const none = await new Promise((resolve) => pinnedLookup([{ address: '8.8.8.8', family: 4 }])('x', { family: 6 }, (e) => resolve(e?.code)));
    expect(none).toBe('ENOTFOUND');
  });
});
