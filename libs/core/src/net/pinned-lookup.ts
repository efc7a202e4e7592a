import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './host-resolver';

/**
 * A lookup that answers only the addresses already checked: the connection cannot reach
 * anything a second DNS answer would name (Node asks with `all` when it races IPv4 and IPv6).
 */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'number' ? options : options.family;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }), '', 4);
      return;
    }
    if (typeof options === 'object' && options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, usable);
    else callback(null, first.address, first.family);
  };
}
