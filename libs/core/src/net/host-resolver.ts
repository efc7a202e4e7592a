import { lookup } from 'node:dns/promises';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves host names to addresses (the webhook target checks and the connections pinned to
 * what they checked). A provider, so that tests answer with a resolver of their own.
 */
export abstract class HostResolver {
  /** Every address of `hostname`; rejects with an error whose `code` is ENOTFOUND or ENODATA when it has none. */
  abstract lookup(hostname: string): Promise<ResolvedAddress[]>;
}

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), every address in its order. */
export class SystemHostResolver extends HostResolver {
  async lookup(hostname: string): Promise<ResolvedAddress[]> {
    const answers = await lookup(hostname, { all: true, verbatim: true });
    return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }
}
