import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HostResolver, ResolvedAddress } from './host-resolver';
import { AddressCategory, classifyIp, describeClass, inNetwork, IpAddress, IpNetwork, parseIp } from './ip-address';

/** A webhook URL whose every address was checked: connect to these addresses only, with the URL's host name as Host and SNI. */
export interface WebhookTarget {
  url: URL;
  /** The host to connect to, as the URL names it (an IPv6 literal without its brackets). */
  hostname: string;
  /** Whether the URL names an IP address rather than a host name (then there is no SNI). */
  literal: boolean;
  /** The checked addresses, in the resolver's order. */
  addresses: ResolvedAddress[];
}

/** A webhook target refused by the policy, with a sentence saying why; `temporary` for a DNS failure that may pass. */
export class WebhookTargetRefused extends Error {
  constructor(
    readonly reason: string,
    readonly temporary = false,
  ) {
    super(reason);
    this.name = 'WebhookTargetRefused';
  }
}

/** Categories that no allow-list admits: they are never one host. */
const NEVER: AddressCategory[] = ['unspecified', 'this-network', 'multicast', 'broadcast'];

/** The ports of production webhooks (HTTPS and its usual alternative); others only through WEBHOOK_ALLOWED_PORTS. */
export const PRODUCTION_WEBHOOK_PORTS: readonly number[] = [443, 8443];

/**
 * Ports refused outside production (unless WEBHOOK_ALLOWED_PORTS names them): databases,
 * caches, search engines and brokers, which a webhook must never be able to poke (its
 * answers, or their absence, would map them). The ports of DATABASE_URL and REDIS_URL too.
 */
export const DATABASE_PORTS: readonly number[] = [
  1433, 1521, 2181, 2379, 2380, 3306, 4369, 5432, 5433, 5672, 5984, 6379, 6380, 7000, 7001, 7474, 7687, 8086, 8529, 9042, 9092, 9200, 9300, 11211, 15672,
  16379, 26379, 27017, 27018, 27019, 28015, 33060,
];

/** The port a URL connects to (its scheme's default when it names none). */
export function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

/** The port of a service URL from the configuration (postgres://, redis://), or null. */
function configuredPort(text: string, fallback: number): number | null {
  try {
    const url = new URL(text);
    return url.port === '' ? fallback : Number(url.port);
  } catch {
    return null;
  }
}

/** Parses a URL as the deliveries will (WHATWG: `https://2130706433/` is 127.0.0.1); null when it is not an http(s) URL. */
export function parseWebhookUrl(text: string): URL | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Where webhooks may go (DESIGN §12). In production: `https` only, no credentials in the
 * URL, and every address the host resolves to public (no loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast, unspecified, broadcast, documentation,
 * benchmarking or reserved address, nor an IPv6 form embedding one), unless it lies in
 * WEBHOOK_ALLOWED_NETWORKS (an on-premises network). Outside production, `http` and loopback
 * are allowed too. Ports: 443 and 8443 in production, any but a database's or a cache's
 * elsewhere, and those of WEBHOOK_ALLOWED_PORTS. Checked when an admin sets the URL and again at every delivery, after
 * DNS, whose connection then goes to the checked addresses only.
 */
@Injectable()
export class WebhookTargetPolicy {
  private readonly allowed: IpNetwork[];
  private readonly allowedPorts: Set<number>;
  private readonly refusedPorts: Set<number>;

  constructor(
    private readonly config: AppConfig,
    private readonly resolver: HostResolver,
  ) {
    this.allowed = config.webhookAllowedNetworks;
    this.allowedPorts = new Set(config.webhookAllowedPorts);
    const own = [configuredPort(config.DATABASE_URL, 5432), configuredPort(config.REDIS_URL, 6379)].filter((p): p is number => p !== null);
    this.refusedPorts = new Set([...DATABASE_PORTS, ...own]);
  }

  /** The URL's own rules, without DNS: a reason, or null. */
  urlProblem(url: URL): string | null {
    if (this.config.isProduction && url.protocol !== 'https:') return 'must use https';
    if (url.username !== '' || url.password !== '') return 'must not carry credentials (user:password@)';
    return this.portProblem(portOf(url));
  }

  /** Production: 443 and 8443 only; elsewhere any port but a database's or a cache's; WEBHOOK_ALLOWED_PORTS admits more. */
  portProblem(port: number): string | null {
    if (this.allowedPorts.has(port)) return null;
    if (this.config.isProduction) {
      return PRODUCTION_WEBHOOK_PORTS.includes(port) ? null : `port ${port} is not allowed (443 and 8443 only, or a port of WEBHOOK_ALLOWED_PORTS)`;
    }
    return this.refusedPorts.has(port) ? `port ${port} is a database or cache port (refused unless WEBHOOK_ALLOWED_PORTS names it)` : null;
  }

  /** What this address is when it may not be a webhook target (e.g. `a private address (RFC 1918)`), or null when it may. */
  addressProblem(text: string): string | null {
    const ip = parseIp(text);
    if (!ip) return 'not an IP address';
    const c = classifyIp(ip);
    if (NEVER.includes(c.category)) return describeClass(c);
    if (this.inAllowList(ip)) return null;
    if (c.category === 'public') return null;
    if (c.category === 'loopback' && !this.config.isProduction) return null;
    return describeClass(c);
  }

  /**
   * Checks a URL and resolves its host: answers the target with every address checked, or
   * throws WebhookTargetRefused naming the rule or the address refused (any one refused
   * address refuses the whole target: a connection could reach any of them).
   */
  async check(text: string): Promise<WebhookTarget> {
    const url = parseWebhookUrl(text);
    if (!url) throw new WebhookTargetRefused('is not an http(s) URL');
    const problem = this.urlProblem(url);
    if (problem) throw new WebhookTargetRefused(problem);
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const literal = parseIp(hostname);
    const addresses = literal ? [{ address: hostname, family: literal.version }] : await this.resolve(hostname);
    for (const a of addresses) {
      const why = this.addressProblem(a.address);
      if (why) throw new WebhookTargetRefused(literal ? `${a.address} is ${why}` : `${hostname} resolves to ${a.address}, ${why}`);
    }
    return { url, hostname, literal: literal !== null, addresses };
  }

  private inAllowList(ip: IpAddress): boolean {
    const mapped = ip.version === 6 && ip.bytes.slice(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
    const forms: IpAddress[] = mapped ? [ip, { version: 4, bytes: ip.bytes.slice(12) }] : [ip];
    return this.allowed.some((n) => forms.some((f) => inNetwork(f, n)));
  }

  /** The host's addresses, within the webhook timeout; a failure is a refusal (temporary unless the name does not exist). */
  private async resolve(hostname: string): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' })), this.config.WEBHOOK_TIMEOUT_MS);
      timer.unref();
    });
    try {
      const answers = await Promise.race([this.resolver.lookup(hostname), timeout]);
      if (answers.length === 0) throw new WebhookTargetRefused(`${hostname} does not resolve to any address`);
      return answers;
    } catch (error) {
      if (error instanceof WebhookTargetRefused) throw error;
      const code = (error as { code?: string }).code ?? (error as Error).message;
      if (code === 'ENOTFOUND' || code === 'ENODATA') throw new WebhookTargetRefused(`${hostname} does not resolve (${code})`);
      throw new WebhookTargetRefused(`the DNS lookup of ${hostname} failed (${code})`, true);
    } finally {
      clearTimeout(timer);
    }
  }
}
