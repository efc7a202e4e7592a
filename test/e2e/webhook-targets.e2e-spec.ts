import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sealSecret } from '../../libs/core/src/crypto/secret-box';
import { createReplica, createTestApp, TestApp, TestReplica } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { act, authorityId, completeDraft, createDraft, errorFields, expectProblem, loginAll, UserKey } from '../support/fixtures';

/**
 * Webhook targets that cannot reach inside (DESIGN §12, issue 11 item 3): in production a
 * webhookUrl is https, without credentials, and every address its host resolves to is
 * public, checked when it is set (422 naming webhookUrl) and again at every delivery after
 * DNS, the connection pinned to the address checked; WEBHOOK_ALLOWED_NETWORKS admits an
 * on-premises range; outside production http and loopback are allowed. The DNS is the test
 * resolver of the app (`t.resolver`), which the worker shares.
 */

/** A plain TCP-level witness on 127.0.0.1: counts every connection and request that reaches it. */
class Witness {
  connections = 0;
  requests: { host: string | undefined; url: string | undefined }[] = [];
  private server?: Server;
  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      this.requests.push({ host: req.headers.host, url: req.url });
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    this.server.on('connection', () => this.connections++);
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as AddressInfo).port;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    this.server?.close();
    if (this.server) await once(this.server, 'close');
  }
}

const PUBLIC_V4 = '8.8.8.8';
const PUBLIC_V6 = '2606:4700:4700::1111';

describe('webhook targets in production (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let onPrem: TestReplica;
  let as: Record<UserKey, string>;
  let sgCa: string;
  const witness = new Witness();
  let witnessPort: number;

  beforeAll(async () => {
    // The witness listens on a port of its own, which production admits only through WEBHOOK_ALLOWED_PORTS.
    witnessPort = await witness.start();
    t = await createTestApp({
      clockStart: new Date().toISOString(),
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('base64'),
        WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
        WEBHOOK_ALLOWED_PORTS: String(witnessPort),
        WEBHOOK_MAX_ATTEMPTS: '1',
        // Production asks every role for a second factor (DESIGN §16); these tests are about webhook targets.
        MFA_REQUIRED_ROLES: 'none',
      },
    });
    // The same database and DNS, with an on-premises network allowed.
    onPrem = await createReplica(t, { WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16,fd00:20::/32' });
    w = await startTestWorker(t);
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
    t.resolver.set('hooks.sg.example', [PUBLIC_V4, PUBLIC_V6]);
    t.resolver.set('inside.sg.example', [PUBLIC_V4, '10.1.2.3']);
    t.resolver.set('metadata.sg.example', ['169.254.169.254']);
    t.resolver.set('mapped.sg.example', ['::ffff:7f00:1']);
    t.resolver.set('erp.onprem.example', ['10.20.3.4']);
  });
  afterAll(async () => {
    await w.close();
    await onPrem.close();
    await t.close();
    await witness.stop();
  });

  const refused: [string, RegExp][] = [
    ['http://169.254.169.254/latest/meta-data', /must use https/],
    ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a link-local address/],
    ['http://10.0.0.1', /must use https/],
    ['https://10.0.0.1', /10\.0\.0\.1 is a private address/],
    ['http://192.168.1.1', /must use https/],
    ['https://192.168.1.1', /192\.168\.1\.1 is a private address/],
    ['https://172.16.5.4/', /private/],
    ['https://100.64.0.1/', /carrier-grade NAT/],
    ['https://127.0.0.1/', /loopback/],
    ['https://[::1]/', /loopback/],
    ['https://[::ffff:127.0.0.1]/', /loopback address \(IPv4-mapped 127\.0\.0\.1\)/],
    ['https://[::ffff:7f00:1]/', /loopback/],
    ['https://[::ffff:a9fe:a9fe]/', /link-local/],
    ['https://[::127.0.0.1]/', /IPv4-compatible/],
    ['https://[fe80::1]/', /link-local/],
    ['https://[fd12:3456::1]/', /unique-local/],
    ['https://[ff02::1]/', /multicast/],
    ['https://224.0.0.251/', /multicast/],
    ['https://255.255.255.255/', /broadcast/],
    ['https://0.0.0.0/', /unspecified/],
    ['https://[::]/', /unspecified/],
    ['https://2130706433/', /127\.0\.0\.1 is a loopback/],
    ['https://0x7f.0.0.1/', /127\.0\.0\.1 is a loopback/],
    ['https://0177.0.0.1/', /127\.0\.0\.1 is a loopback/],
    ['https://127.1/', /127\.0\.0\.1 is a loopback/],
    ['https://192.0.2.10/', /documentation/],
    ['https://198.18.0.1/', /benchmarking/],
    ['https://user:pw@example.com/', /credentials/],
    ['https://user:pw@hooks.sg.example/', /credentials/],
    ['http://hooks.sg.example/', /must use https/],
    ['https://inside.sg.example/', /inside\.sg\.example resolves to 10\.1\.2\.3, a private address/],
    ['https://metadata.sg.example/latest', /metadata\.sg\.example resolves to 169\.254\.169\.254, a link-local/],
    ['https://mapped.sg.example/', /mapped\.sg\.example resolves to ::ffff:7f00:1, a loopback/],
    ['https://localhost/', /localhost resolves to 127\.0\.0\.1, a loopback/],
    ['https://no-such-host.invalid/', /does not resolve/],
    // Ports (issue 22): 443 and 8443 only, or WEBHOOK_ALLOWED_PORTS.
    ['https://hooks.sg.example:8080/', /port 8080 is not allowed \(443 and 8443 only/],
    ['https://hooks.sg.example:5432/', /port 5432 is not allowed/],
    ['https://8.8.8.8:6379/', /port 6379 is not allowed/],
  ];

  it.each(refused)('refuses %s at POST and PATCH /authorities with 422 RULE_VIOLATED naming webhookUrl', async (url, why) => {
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM admin_audit`);
    const code = `TH-W${randomBytes(3).toString('hex').toUpperCase()}`;
    const created = await t.http
      .post('/api/v1/authorities')
      .set('authorization', as.admin)
      .send({ code, name: 'Thai CA', country: 'TH', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Bangkok', language: 'en', webhookUrl: url });
    expectProblem(created, 422, 'RULE_VIOLATED');
    expect(errorFields(created)).toEqual(['webhookUrl']);
    expect(created.body.errors[0].message).toMatch(why);
    expect(await t.sql(`SELECT 1 FROM authorities WHERE code = $1`, [code])).toHaveLength(0);

    const patched = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: url, name: 'Renamed' });
    expectProblem(patched, 422, 'RULE_VIOLATED');
    expect(errorFields(patched)).toEqual(['webhookUrl']);
    expect(patched.body.detail).toMatch(why);
    const [sg] = await t.sql<{ webhook_url: string | null; name: string }>(`SELECT webhook_url, name FROM authorities WHERE id = $1`, [sgCa]);
    expect(sg?.webhook_url ?? null).not.toBe(url);
    expect(sg?.name).not.toBe('Renamed');
    // Nothing refused is audited.
    expect(await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM admin_audit`)).toEqual(before);
  });

  it('answers 503 (not 422) when DNS fails for a reason that may pass, and stores nothing', async () => {
    t.resolver.set('flaky.sg.example', Object.assign(new Error('getaddrinfo EAI_AGAIN flaky.sg.example'), { code: 'EAI_AGAIN' }));
    const res = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://flaky.sg.example/' });
    expectProblem(res, 503, 'SERVICE_UNAVAILABLE');
    expect(res.body.detail).toMatch(/EAI_AGAIN/);
  });

  it('admits an https URL whose host resolves only to public addresses (IPv4 and IPv6), and a public literal', async () => {
    for (const url of ['https://hooks.sg.example/mla', `https://[${PUBLIC_V6}]:8443/hook`, `https://${PUBLIC_V4}/hook`]) {
      const res = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: url });
      expect([url, res.status]).toEqual([url, 200]);
      expect(res.body.webhookUrl).toBe(url);
      expect(res.body.webhookSecret).toMatch(/^whsec_/);
    }
  });

  it('admits the private range of WEBHOOK_ALLOWED_NETWORKS (an on-premises network), and nothing beside it', async () => {
    const vnCa = await authorityId(t, 'VN-CA');
    for (const url of ['https://10.20.0.5/hook', 'https://erp.onprem.example/mla', 'https://[fd00:20::7]/hook', 'https://[::ffff:10.20.9.9]/']) {
      const res = await onPrem.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: url });
      expect([url, res.status]).toEqual([url, 200]);
    }
    for (const [url, why] of [
      ['https://10.21.0.1/', /private/],
      ['https://inside.sg.example/', /10\.1\.2\.3/],
      ['http://10.20.0.5/', /https/],
      ['https://127.0.0.1/', /loopback/],
    ] as const) {
      const res = await onPrem.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: url });
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(res.body.detail).toMatch(why);
    }
    // The app without the allow-list refuses what the on-premises one admits.
    expectProblem(await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://10.20.0.5/hook' }), 422, 'RULE_VIOLATED');
    await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: null }).expect(200);
  });

  /** Sends a new request from VN to SG-CA and delivers its notifications; answers SG-CA's delivery of request.sent. */
  async function sendAndDeliver(): Promise<Record<string, any>> {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    await w.deliverAll();
    const list = await t.http.get(`/api/v1/authorities/${sgCa}/webhook-deliveries`).set('authorization', as.admin);
    const delivery = list.body.items.find((d: { requestId: string; type: string }) => d.requestId === draft.id && d.type === 'request.sent');
    expect(delivery).toBeDefined();
    // The inbox copy is stored whatever the webhook's fate.
    const inbox = await t.http.get('/api/v1/notifications').set('authorization', as.sgOfficer);
    expect(inbox.body.items.map((n: { requestId: string }) => n.requestId)).toContain(draft.id);
    return delivery;
  }

  it('refuses at delivery a target whose DNS turned inward after it was set: a failed attempt, recorded, that never reaches the network', async () => {
    // Set while hooks-dns.sg.example is public…
    t.resolver.set('hooks-dns.sg.example', [PUBLIC_V4]);
    const url = `https://hooks-dns.sg.example:${witnessPort}/hooks`;
    await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: url }).expect(200);

    // …then it points at a private address.
    t.resolver.set('hooks-dns.sg.example', ['10.0.0.7']);
    const lookupsBefore = t.resolver.lookups.length;
    const privateOne = await sendAndDeliver();
    expect(privateOne).toMatchObject({
      url,
      status: 'DEAD',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'target refused: hooks-dns.sg.example resolves to 10.0.0.7, a private address (RFC 1918)',
    });
    // The worker resolved the name again at the delivery.
    expect(t.resolver.lookups.slice(lookupsBefore)).toContain('hooks-dns.sg.example');

    // …then at the loopback address where a server listens: nothing reaches it, not even a connection.
    t.resolver.set('hooks-dns.sg.example', ['::ffff:127.0.0.1', '127.0.0.1']);
    const loopback = await sendAndDeliver();
    expect(loopback).toMatchObject({ status: 'DEAD', attempts: 1, lastError: expect.stringMatching(/^target refused: hooks-dns\.sg\.example resolves to ::ffff:127\.0\.0\.1, a loopback address/) });
    expect(witness.connections).toBe(0);
    expect(witness.requests).toHaveLength(0);
  });

  it('refuses at delivery a URL stored before the rules (written behind the API), without touching the network', async () => {
    await t.sql(`UPDATE authorities SET webhook_url = $2, webhook_secret = $3 WHERE id = $1`, [sgCa, `http://127.0.0.1:${witnessPort}/legacy`, sealSecret(t.config.webhookSecretKey, `whsec_${randomBytes(32).toString('base64')}`)]);
    const delivery = await sendAndDeliver();
    expect(delivery).toMatchObject({ status: 'DEAD', attempts: 1, lastError: 'target refused: must use https' });
    await t.sql(`UPDATE authorities SET webhook_url = $2 WHERE id = $1`, [sgCa, 'https://10.0.0.1/legacy']);
    expect(await sendAndDeliver()).toMatchObject({ status: 'DEAD', lastError: 'target refused: 10.0.0.1 is a private address (RFC 1918)' });
    expect(witness.connections).toBe(0);
  });
});

describe('webhook targets outside production (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: new Date().toISOString(), env: { WEBHOOK_MAX_ATTEMPTS: '1' } });
    w = await startTestWorker(t);
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  it('allows http and loopback (the developer receiver), nothing else private', async () => {
    for (const url of ['http://127.0.0.1:9000/hook', 'http://localhost:9000/', 'http://[::1]:9000/', 'http://hooks.dev.test:9000/']) {
      const res = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: url });
      expect([url, res.status]).toEqual([url, 200]);
    }
    for (const [url, why] of [
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      ['http://10.0.0.1', /private/],
      ['http://192.168.1.1', /private/],
      ['http://user:pw@127.0.0.1:9000/', /credentials/],
    ] as const) {
      const res = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: url });
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(errorFields(res)).toEqual(['webhookUrl']);
      expect(res.body.detail).toMatch(why);
    }
  });

  it('delivers to the checked address with the original Host, and reads only 64 KiB of a 10 MiB answer (still DELIVERED for a 2xx)', async () => {
    let written = 0;
    let onClose: (cutShort: boolean) => void = () => undefined;
    const closed = new Promise<boolean>((resolve) => (onClose = resolve));
    const hosts: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      hosts.push(req.headers.host);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 0x7a);
        res.on('close', () => onClose(!res.writableFinished));
        const pump = (): void => {
          while (written < 10 * 1024 * 1024) {
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
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    try {
      // A name only the test resolver knows (127.0.0.1): the connection follows the check, not a second lookup.
      t.resolver.set('big.receiver.test', ['127.0.0.1']);
      const url = `http://big.receiver.test:${port}/hooks`;
      await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: url }).expect(200);
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
      await act(t, as.vnOfficer, draft.id, { action: 'send' });
      await w.deliverAll();
      const list = await t.http.get(`/api/v1/authorities/${sgCa}/webhook-deliveries`).set('authorization', as.admin);
      expect(list.body.items.find((d: { requestId: string }) => d.requestId === draft.id)).toMatchObject({ status: 'DELIVERED', lastStatusCode: 200, attempts: 1 });
      expect(hosts).toEqual([`big.receiver.test:${port}`]);
      // The worker closed the connection long before the 10 MiB were sent: it never buffered them.
      expect(await closed).toBe(true);
      expect(written).toBeLessThan(10 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('GET /authorities shows a webhook URL only to admins and the authority’s own supervisors (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  it('answers webhookUrl null to everyone else', async () => {
    const sgCa = await authorityId(t, 'SG-CA');
    const vnCa = await authorityId(t, 'VN-CA');
    await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://hooks.sg.example/mla' }).expect(200);
    await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://hooks.vn.example/mla' }).expect(200);
    const seen: Record<string, Record<string, string | null>> = {};
    for (const who of ['admin', 'sgSupervisor', 'vnSupervisor', 'sgOfficer', 'vnOfficer', 'sgProsecutor', 'vnProsecutor'] as UserKey[]) {
      const res = await t.http.get('/api/v1/authorities').set('authorization', as[who]);
      expect(res.status).toBe(200);
      seen[who] = Object.fromEntries((res.body.items as { code: string; webhookUrl: string | null }[]).filter((a) => ['SG-CA', 'VN-CA'].includes(a.code)).map((a) => [a.code, a.webhookUrl]));
      expect(JSON.stringify(res.body)).not.toContain('whsec_');
    }
    expect(seen).toEqual({
      admin: { 'SG-CA': 'https://hooks.sg.example/mla', 'VN-CA': 'https://hooks.vn.example/mla' },
      sgSupervisor: { 'SG-CA': 'https://hooks.sg.example/mla', 'VN-CA': null },
      vnSupervisor: { 'SG-CA': null, 'VN-CA': 'https://hooks.vn.example/mla' },
      sgOfficer: { 'SG-CA': null, 'VN-CA': null },
      vnOfficer: { 'SG-CA': null, 'VN-CA': null },
      sgProsecutor: { 'SG-CA': null, 'VN-CA': null },
      vnProsecutor: { 'SG-CA': null, 'VN-CA': null },
    });
  });
});
