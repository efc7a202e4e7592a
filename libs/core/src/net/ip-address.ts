import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as its bytes: 4 for IPv4, 16 for IPv6. */
export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

/**
 * What kind of address it is, for a decision on outbound connections (webhooks): `public`
 * is a globally reachable unicast address; everything else names why it is not (the IANA
 * special-purpose address registries, RFC 6890 and its updates).
 */
export type AddressCategory =
  | 'public'
  | 'unspecified'
  | 'this-network'
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'link-local'
  | 'ietf-protocol'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'unique-local'
  | 'site-local'
  | 'discard-only'
  | 'nat64-local'
  | 'ipv4-compatible'
  | 'ipv4-translated'
  | '6to4';

export interface AddressClass {
  category: AddressCategory;
  /** For an IPv6 form that embeds an IPv4 address (mapped, compatible, NAT64, 6to4): that address and its own category. */
  embedded?: { form: 'IPv4-mapped' | 'IPv4-compatible' | 'IPv4-translated' | 'NAT64' | '6to4'; ipv4: string; category: AddressCategory };
}

/** Dotted-quad IPv4 (exactly what DNS answers and the WHATWG URL parser write) to its 4 bytes; null otherwise. */
function ipv4Bytes(text: string): Uint8Array | null {
  if (!isIPv4(text)) return null;
  return Uint8Array.from(text.split('.').map(Number));
}

/** IPv6 text (`::` compression, a dotted IPv4 tail) to its 16 bytes; null when it is not one. */
function ipv6Bytes(text: string): Uint8Array | null {
  if (!isIPv6(text)) return null;
  const words = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const [i, g] of groups.entries()) {
      if (g.includes('.')) {
        const v4 = i === groups.length - 1 ? ipv4Bytes(g) : null;
        if (!v4) return null;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else {
        if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const gap = text.indexOf('::');
  const left = words(gap >= 0 ? text.slice(0, gap) : text);
  const right = gap >= 0 ? words(text.slice(gap + 2)) : [];
  if (!left || !right) return null;
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (gap < 0 && fill !== 0)) return null;
  const all = [...left, ...new Array<number>(fill).fill(0), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

/**
 * An address as written by DNS or a URL: dotted-quad IPv4, or IPv6 with or without its
 * brackets (a zone id, `%eth0`, is dropped). null for anything else.
 */
export function parseIp(text: string): IpAddress | null {
  const t = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const v4 = ipv4Bytes(t);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = ipv6Bytes(t);
  return v6 ? { version: 6, bytes: v6 } : null;
}

const formatIpv4 = (bytes: Uint8Array): string => [...bytes].join('.');

/** A network: an address and a prefix length. */
export interface IpNetwork {
  version: 4 | 6;
  bytes: Uint8Array;
  prefix: number;
}

export function inNetwork(ip: IpAddress, net: IpNetwork): boolean {
  if (ip.version !== net.version) return false;
  for (let bit = 0; bit < net.prefix; bit += 8) {
    const bits = Math.min(8, net.prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if (((ip.bytes[bit / 8] as number) & mask) !== ((net.bytes[bit / 8] as number) & mask)) return false;
  }
  return true;
}

/**
 * `10.20.0.0/16`, `fd00::/8`, or a single address (a /32 or /128) to a network; a reason
 * string when it is not one (a bad address or prefix, host bits set past the prefix).
 */
export function parseCidr(text: string): IpNetwork | string {
  const [addr, prefixText, ...rest] = text.trim().split('/');
  const ip = addr && rest.length === 0 ? parseIp(addr) : null;
  if (!ip || addr?.includes('%')) return `${text}: not an IP address or CIDR range`;
  const max = ip.version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return `${text}: the prefix length must be a number`;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return `${text}: the prefix length must be at most ${max}`;
  const net: IpNetwork = { version: ip.version, bytes: ip.bytes, prefix };
  for (let bit = prefix; bit < max; bit++) {
    if (((ip.bytes[Math.floor(bit / 8)] as number) >> (7 - (bit % 8))) & 1) return `${text}: host bits are set past /${prefix} (write the network address)`;
  }
  return net;
}

const net = (cidr: string): IpNetwork => parseCidr(cidr) as IpNetwork;

/** IPv4 special-purpose ranges, most specific first. */
const IPV4_RANGES: [IpNetwork, AddressCategory][] = [
  [net('0.0.0.0/32'), 'unspecified'],
  [net('0.0.0.0/8'), 'this-network'],
  [net('10.0.0.0/8'), 'private'],
  [net('100.64.0.0/10'), 'carrier-grade-nat'],
  [net('127.0.0.0/8'), 'loopback'],
  [net('169.254.0.0/16'), 'link-local'],
  [net('172.16.0.0/12'), 'private'],
  [net('192.0.0.0/24'), 'ietf-protocol'],
  [net('192.0.2.0/24'), 'documentation'],
  [net('192.88.99.0/24'), 'reserved'], // the deprecated 6to4 relay anycast (RFC 7526)
  [net('192.168.0.0/16'), 'private'],
  [net('198.18.0.0/15'), 'benchmarking'],
  [net('198.51.100.0/24'), 'documentation'],
  [net('203.0.113.0/24'), 'documentation'],
  [net('224.0.0.0/4'), 'multicast'],
  [net('255.255.255.255/32'), 'broadcast'],
  [net('240.0.0.0/4'), 'reserved'],
];

/** IPv6 special-purpose ranges (the embedded-IPv4 forms are handled before these), most specific first. */
const IPV6_RANGES: [IpNetwork, AddressCategory][] = [
  [net('::/128'), 'unspecified'],
  [net('::1/128'), 'loopback'],
  [net('64:ff9b:1::/48'), 'nat64-local'],
  [net('100::/64'), 'discard-only'],
  // IETF protocol assignments: Teredo (2001::/32), benchmarking (2001:2::/48), ORCHID, AMT, AS112…
  [net('2001::/23'), 'ietf-protocol'],
  [net('2001:db8::/32'), 'documentation'],
  [net('3fff::/20'), 'documentation'],
  [net('fc00::/7'), 'unique-local'],
  [net('fe80::/10'), 'link-local'],
  [net('fec0::/10'), 'site-local'],
  [net('ff00::/8'), 'multicast'],
];

const GLOBAL_UNICAST_V6 = net('2000::/3');

function classifyV4(ip: IpAddress): AddressCategory {
  return IPV4_RANGES.find(([n]) => inNetwork(ip, n))?.[1] ?? 'public';
}

const v4At = (bytes: Uint8Array, offset: number): IpAddress => ({ version: 4, bytes: bytes.slice(offset, offset + 4) });
const zeros = (bytes: Uint8Array, from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);

/** The category of an address (see AddressCategory); IPv6 forms that embed an IPv4 address name it and its category. */
export function classifyIp(ip: IpAddress): AddressClass {
  if (ip.version === 4) return { category: classifyV4(ip) };
  const b = ip.bytes;
  const embedded = (form: NonNullable<AddressClass['embedded']>['form'], offset: number) => {
    const v4 = v4At(b, offset);
    return { form, ipv4: formatIpv4(v4.bytes), category: classifyV4(v4) };
  };
  // ::ffff:a.b.c.d, IPv4-mapped: the IPv4 host itself (a dual-stack socket connects to it).
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) {
    const e = embedded('IPv4-mapped', 12);
    return { category: e.category, embedded: e };
  }
  // ::a.b.c.d, IPv4-compatible (deprecated, RFC 4291); :: and ::1 excepted.
  if (zeros(b, 0, 12) && !(zeros(b, 12, 15) && (b[15] === 0 || b[15] === 1))) return { category: 'ipv4-compatible', embedded: embedded('IPv4-compatible', 12) };
  // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765).
  if (zeros(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return { category: 'ipv4-translated', embedded: embedded('IPv4-translated', 12) };
  // 64:ff9b::a.b.c.d, the well-known NAT64 prefix: as public as the IPv4 address it reaches.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(b, 4, 12)) {
    const e = embedded('NAT64', 12);
    return { category: e.category, embedded: e };
  }
  // 2002:aabb:ccdd::/48, 6to4 (deprecated, RFC 7526): whatever it embeds, never a target.
  if (b[0] === 0x20 && b[1] === 0x02) return { category: '6to4', embedded: embedded('6to4', 2) };
  const special = IPV6_RANGES.find(([n]) => inNetwork(ip, n))?.[1];
  if (special) return { category: special };
  return { category: inNetwork(ip, GLOBAL_UNICAST_V6) ? 'public' : 'reserved' };
}

const DESCRIPTIONS: Record<AddressCategory, string> = {
  public: 'a public address',
  unspecified: 'the unspecified address',
  'this-network': 'an address of "this network" (0.0.0.0/8)',
  loopback: 'a loopback address',
  private: 'a private address (RFC 1918)',
  'carrier-grade-nat': 'a carrier-grade NAT address (100.64.0.0/10)',
  'link-local': 'a link-local address',
  'ietf-protocol': 'an IETF protocol assignment (not a host on the internet)',
  documentation: 'a documentation address',
  benchmarking: 'a benchmarking address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  'unique-local': 'a unique-local address (fc00::/7)',
  'site-local': 'a site-local address (fec0::/10)',
  'discard-only': 'a discard-only address (100::/64)',
  'nat64-local': 'a local-use NAT64 address (64:ff9b:1::/48)',
  'ipv4-compatible': 'an IPv4-compatible IPv6 address (deprecated)',
  'ipv4-translated': 'an IPv4-translated IPv6 address',
  '6to4': 'a 6to4 address (deprecated)',
};

/** A sentence part such as `a loopback address (IPv4-mapped 127.0.0.1)`. */
export function describeClass(c: AddressClass): string {
  const base = DESCRIPTIONS[c.category];
  if (!c.embedded) return base;
  if (c.embedded.category === c.category) return `${base} (${c.embedded.form} ${c.embedded.ipv4})`;
  return `${base}, embedding ${c.embedded.ipv4} (${DESCRIPTIONS[c.embedded.category]})`;
}
