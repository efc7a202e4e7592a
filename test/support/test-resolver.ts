import { HostResolver, ResolvedAddress } from '../../libs/core/src/net/host-resolver';

/**
 * The DNS of a test: answers what the test says, and records every lookup. Names a test has
 * not set resolve to 127.0.0.1 when they end in `.example`, `.test` or `.localhost` (the
 * reserved names of RFC 2606 / 6761, which the tests use), and do not exist otherwise.
 */
export class TestResolver extends HostResolver {
  private readonly answers = new Map<string, string[] | Error>();
  /** Every name looked up, in order. */
  readonly lookups: string[] = [];

  /** From now on, `name` resolves to these addresses (or fails with this error). */
  set(name: string, answer: string[] | Error): void {
    this.answers.set(name.toLowerCase(), answer);
  }

  async lookup(hostname: string): Promise<ResolvedAddress[]> {
    const name = hostname.toLowerCase();
    this.lookups.push(name);
    const answer = this.answers.get(name) ?? (/(^|\.)(example|test|localhost)$/.test(name) ? ['127.0.0.1'] : null);
    if (answer instanceof Error) throw answer;
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }
}
