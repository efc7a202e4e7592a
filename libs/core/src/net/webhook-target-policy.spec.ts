import { loadAppConfig } from '../config/app-config';
import { HostResolver, ResolvedAddress } from './host-resolver';
import { WebhookTargetPolicy, WebhookTargetRefused } from './webhook-target-policy';

const SECRET = 'q3V9kz1R0bXn7m2PwYc4HtLs8Ue6JfAa5dGhKiOoNpQr';

class MapResolver extends HostResolver {
  constructor(private readonly answers: Record<string, string[]>) {
    super();
  }
  async lookup(hostname: string): Promise<ResolvedAddress[]> {
    const a = this.answers[hostname];
    if (!a) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }
}

const policy = (env: Record<string, string>, answers: Record<string, string[]> = {}) => new WebhookTargetPolicy(loadAppConfig(env), new MapResolver(answers));
const production = (answers: Record<string, string[]> = {}, extra: Record<string, string> = {}) =>
  policy({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: SECRET, ...extra }, answers);

async function refusal(p: WebhookTargetPolicy, url: string): Promise<string> {
  try {
    await p.check(url);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) return error.reason;
    throw error;
  }
  throw new Error(`${url} was admitted`);
}

describe('WebhookTargetPolicy', () => {
  it('admits in production an https URL whose host resolves only to public addresses, with those addresses', async () => {
    const p = production({ 'hooks.sg.example': ['8.8.4.4', '2606:4700:4700::1001'] });
    const target = await p.check('https://hooks.sg.example/mla?x=1');
    expect(target).toMatchObject({ hostname: 'hooks.sg.example', literal: false, addresses: [{ address: '8.8.4.4', family: 4 }, { address: '2606:4700:4700::1001', family: 6 }] });
    expect((await p.check('https://[2606:4700:4700::1111]:8443/')).addresses).toEqual([{ address: '2606:4700:4700::1111', family: 6 }]);
  });

  it('refuses in production http, credentials, and every non-public address however it is spelled', async () => {
    const p = production({ 'inside.example': ['8.8.8.8', '10.1.2.3'], 'nowhere.example': [] });
    const cases: [string, RegExp][] = [
      ['http://8.8.8.8/', /https/],
      ['https://user:pw@8.8.8.8/', /credentials/],
      ['https://user@8.8.8.8/', /credentials/],
      ['https://169.254.169.254/latest/meta-data', /link-local/],
      ['https://10.0.0.1/', /private/],
      ['https://192.168.1.1/', /private/],
      ['https://172.20.0.1/', /private/],
      ['https://100.64.1.1/', /carrier-grade NAT/],
      ['https://127.0.0.1/', /loopback/],
      ['https://localhost/', /not resolve/],
      ['https://2130706433/', /127\.0\.0\.1 is a loopback/],
      ['https://0x7f.0.0.1/', /loopback/],
      ['https://0177.0.0.1/', /loopback/],
      ['https://127.1/', /loopback/],
      ['https://0/', /unspecified/],
      ['https://[::]/', /unspecified/],
      ['https://[::1]/', /loopback/],
      ['https://[::ffff:127.0.0.1]/', /loopback address \(IPv4-mapped 127\.0\.0\.1\)/],
      ['https://[::ffff:7f00:1]/', /loopback/],
      ['https://[::ffff:a9fe:a9fe]/', /link-local/],
      ['https://[::127.0.0.1]/', /IPv4-compatible/],
      ['https://[64:ff9b::a00:1]/', /private/],
      ['https://[fe80::1]/', /link-local/],
      ['https://[fd00::1]/', /unique-local/],
      ['https://[ff02::1]/', /multicast/],
      ['https://224.0.0.1/', /multicast/],
      ['https://255.255.255.255/', /broadcast/],
      ['https://192.0.2.10/', /documentation/],
      ['https://198.18.0.1/', /benchmarking/],
      ['https://inside.example/', /inside\.example resolves to 10\.1\.2\.3, a private/],
      ['https://nowhere.example/', /does not resolve/],
      ['https://unknown.example/', /does not resolve \(ENOTFOUND\)/],
    ];
    for (const [url, why] of cases) expect([url, await refusal(p, url)]).toEqual([url, expect.stringMatching(why)]);
  });

  it('admits the private ranges of WEBHOOK_ALLOWED_NETWORKS (and their IPv4-mapped forms), never the unspecified or multicast address', async () => {
    const p = production({ 'erp.internal': ['10.20.3.4'] }, { WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, fd00::/8,0.0.0.0/8,224.0.0.0/4' });
    expect((await p.check('https://erp.internal/hook')).addresses).toEqual([{ address: '10.20.3.4', family: 4 }]);
    await p.check('https://[fd00::5]/');
    await p.check('https://[::ffff:10.20.0.9]/');
    expect(await refusal(p, 'https://10.21.0.1/')).toMatch(/private/);
    expect(await refusal(p, 'https://0.0.0.0/')).toMatch(/unspecified/);
    expect(await refusal(p, 'https://224.0.0.5/')).toMatch(/multicast/);
    expect(await refusal(p, 'http://10.20.3.4/')).toMatch(/https/);
  });

  it('allows http and loopback outside production, and nothing else private', async () => {
    const p = policy({ NODE_ENV: 'development' }, { localhost: ['127.0.0.1', '::1'] });
    await p.check('http://127.0.0.1:9000/');
    await p.check('http://localhost:9000/');
    await p.check('http://[::ffff:127.0.0.1]:9000/');
    expect(await refusal(p, 'http://10.0.0.1/')).toMatch(/private/);
    expect(await refusal(p, 'http://169.254.169.254/')).toMatch(/link-local/);
    expect(await refusal(p, 'http://u:p@127.0.0.1/')).toMatch(/credentials/);
  });

  it('treats a DNS failure other than a missing name as temporary, and bounds the lookup by WEBHOOK_TIMEOUT_MS', async () => {
    const failing = new (class extends HostResolver {
      lookup(): Promise<ResolvedAddress[]> {
        return Promise.reject(Object.assign(new Error('try again'), { code: 'EAI_AGAIN' }));
      }
    })();
    const p = new WebhookTargetPolicy(loadAppConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: SECRET }), failing);
    await expect(p.check('https://hooks.example/')).rejects.toMatchObject({ temporary: true, reason: expect.stringMatching(/EAI_AGAIN/) });
    const hanging = new (class extends HostResolver {
      lookup(): Promise<ResolvedAddress[]> {
        return new Promise(() => undefined);
      }
    })();
    const slow = new WebhookTargetPolicy(loadAppConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: SECRET, WEBHOOK_TIMEOUT_MS: '100' }), hanging);
    await expect(slow.check('https://hooks.example/')).rejects.toMatchObject({ temporary: true, reason: expect.stringMatching(/ETIMEOUT/) });
  });

  it('limits ports: 443 and 8443 in production, no database or cache port elsewhere, WEBHOOK_ALLOWED_PORTS admitting more (issue 22 item 7)', async () => {
    const prod = production({ 'hooks.example.org': ['8.8.8.8'] });
    for (const url of ['https://hooks.example.org/', 'https://hooks.example.org:443/', 'https://hooks.example.org:8443/x']) await expect(prod.check(url)).resolves.toBeDefined();
    for (const port of [80, 22, 5432, 6379, 8080, 9443]) {
      expect(await refusal(prod, `https://hooks.example.org:${port}/`)).toBe(`port ${port} is not allowed (443 and 8443 only, or a port of WEBHOOK_ALLOWED_PORTS)`);
    }
    await expect(production({ 'hooks.example.org': ['8.8.8.8'] }, { WEBHOOK_ALLOWED_PORTS: '9443' }).check('https://hooks.example.org:9443/')).resolves.toBeDefined();

    const dev = policy({ NODE_ENV: 'development', REDIS_URL: 'redis://127.0.0.1:16400' }, { localhost: ['127.0.0.1'] });
    for (const url of ['http://127.1:5432/', 'http://localhost:6379/', 'http://127.0.0.1:3306/', 'http://[::1]:27017/', 'http://127.0.0.1:9200/', 'http://127.0.0.1:11211/', 'http://127.0.0.1:16400/']) {
      expect(await refusal(dev, url)).toMatch(/^port \d+ is a database or cache port/);
    }
    for (const url of ['http://127.0.0.1:9000/', 'http://localhost/', 'https://127.0.0.1:8443/']) await expect(dev.check(url)).resolves.toBeDefined();
    await expect(policy({ NODE_ENV: 'test', WEBHOOK_ALLOWED_PORTS: '6379' }, {}).check('http://127.0.0.1:6379/')).resolves.toBeDefined();
  });

  it('validates WEBHOOK_ALLOWED_NETWORKS at boot, naming the entries refused', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'development', WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8,banana' })).toThrow(/WEBHOOK_ALLOWED_NETWORKS.*banana/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', WEBHOOK_ALLOWED_NETWORKS: '10.20.1.0/16' })).toThrow(/host bits/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', WEBHOOK_ALLOWED_NETWORKS: '0.0.0.0/0' })).toThrow(/admits every address/);
    expect(loadAppConfig({ NODE_ENV: 'development', WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16,fd00::/8' }).webhookAllowedNetworks).toHaveLength(2);
  });
});
