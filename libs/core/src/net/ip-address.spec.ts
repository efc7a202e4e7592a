import { classifyIp, describeClass, inNetwork, parseCidr, parseIp, type AddressCategory } from './ip-address';

const category = (text: string): AddressCategory => {
  const ip = parseIp(text);
  if (!ip) throw new Error(`not an address: ${text}`);
  return classifyIp(ip).category;
};

describe('parseIp', () => {
  it('reads dotted IPv4 and IPv6 in every spelling (compressed, bracketed, zoned, with an IPv4 tail)', () => {
    expect(parseIp('10.0.0.1')).toEqual({ version: 4, bytes: Uint8Array.from([10, 0, 0, 1]) });
    const mapped = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1]);
    expect(parseIp('::ffff:127.0.0.1')?.bytes).toEqual(mapped);
    expect(parseIp('[::ffff:7f00:1]')?.bytes).toEqual(mapped);
    expect(parseIp('0:0:0:0:0:ffff:7f00:0001')?.bytes).toEqual(mapped);
    expect(parseIp('fe80::1%eth0')?.bytes[0]).toBe(0xfe);
    expect(parseIp('::')?.bytes).toEqual(new Uint8Array(16));
  });

  it('refuses what is not an address (names, shorthand IPv4 that only a URL parser expands)', () => {
    for (const text of ['example.org', '2130706433', '0x7f.1', '127.1', '1.2.3.256', '1::2::3', '']) {
      expect([text, parseIp(text)]).toEqual([text, null]);
    }
  });
});

describe('classifyIp', () => {
  const table: [string, AddressCategory][] = [
    ['8.8.8.8', 'public'],
    ['93.184.215.14', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this-network'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.255', 'carrier-grade-nat'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['192.0.0.8', 'ietf-protocol'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:81b::200e', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'ipv4-compatible'],
    ['::7f00:1', 'ipv4-compatible'],
    ['::8.8.8.8', 'ipv4-compatible'],
    ['::ffff:0:7f00:1', 'ipv4-translated'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::1', 'nat64-local'],
    ['2002:7f00:1::', '6to4'],
    ['2001:0:4136:e378::1', 'ietf-protocol'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['100::1', 'discard-only'],
    ['4000::1', 'reserved'],
    ['5f00::1', 'reserved'],
  ];
  it.each(table)('%s is %s', (text, want) => {
    expect(category(text)).toBe(want);
  });

  it('says which IPv4 address an IPv6 form embeds', () => {
    expect(describeClass(classifyIp(parseIp('::ffff:7f00:1')!))).toBe('a loopback address (IPv4-mapped 127.0.0.1)');
    expect(describeClass(classifyIp(parseIp('::7f00:1')!))).toBe('an IPv4-compatible IPv6 address (deprecated), embedding 127.0.0.1 (a loopback address)');
  });
});

describe('parseCidr', () => {
  it('reads ranges and single addresses, and matches addresses of the same family only', () => {
    const net = parseCidr('10.20.0.0/16');
    if (typeof net === 'string') throw new Error(net);
    expect(inNetwork(parseIp('10.20.255.1')!, net)).toBe(true);
    expect(inNetwork(parseIp('10.21.0.1')!, net)).toBe(false);
    expect(inNetwork(parseIp('::ffff:10.20.0.1')!, net)).toBe(false);
    const v6 = parseCidr('fd00::/8');
    if (typeof v6 === 'string') throw new Error(v6);
    expect(inNetwork(parseIp('fd12::1')!, v6)).toBe(true);
    expect(inNetwork(parseIp('fc00::1')!, v6)).toBe(false);
    const one = parseCidr('192.168.3.4');
    expect(typeof one !== 'string' && one.prefix).toBe(32);
    const odd = parseCidr('10.0.0.0/9');
    expect(typeof odd !== 'string' && inNetwork(parseIp('10.127.0.1')!, odd)).toBe(true);
  });

  it('names what is wrong: not an address, a bad prefix, host bits set', () => {
    expect(parseCidr('example.org/8')).toMatch(/not an IP address/);
    expect(parseCidr('10.0.0.0/33')).toMatch(/at most 32/);
    expect(parseCidr('10.0.0.0/x')).toMatch(/must be a number/);
    expect(parseCidr('10.20.1.0/16')).toMatch(/host bits/);
    expect(parseCidr('fd00::1/8')).toMatch(/host bits/);
  });
});
