import { calculateJwkThumbprint, type JWK } from 'jose';
import type { RunningNode } from './two-nodes';

/**
 * Peers two running nodes both ways through their APIs, as their ADMINs would (DESIGN §15;
 * scripts/federation-peer.mjs): each adds the other with the thumbprint (RFC 7638) of a key the
 * other lists at /.well-known/mla-hub, then each reads the other's directory (given only once
 * both have peered), so the other's LOCAL authorities are PEER on it. Throws on any refusal.
 */
export async function peerNodes(a: RunningNode, b: RunningNode): Promise<void> {
  const admins = new Map<RunningNode, string>([
    [a, await a.login('admin@example.org')],
    [b, await b.login('admin@example.org')],
  ]);
  const peerIds = new Map<RunningNode, string>();
  for (const [node, other] of [[a, b], [b, a]] as const) {
    const known = await other.fetch('/.well-known/mla-hub');
    if (known.status !== 200) throw new Error(`${other.name}: GET /.well-known/mla-hub answered ${known.status}`);
    const [key] = ((await known.json()) as { jwks: { keys: JWK[] } }).jwks.keys;
    if (!key) throw new Error(`${other.name} lists no key`);
    const added = await node.fetch('/peers', {
      method: 'POST',
      headers: { authorization: admins.get(node) as string, 'content-type': 'application/json' },
      body: JSON.stringify({ url: other.url, keyThumbprint: await calculateJwkThumbprint(key, 'sha256') }),
    });
    if (added.status !== 201) throw new Error(`${node.name}: peering ${other.name} answered ${added.status} ${await added.text()}`);
    peerIds.set(node, ((await added.json()) as { id: string }).id);
  }
  for (const node of [a, b]) {
    const read = await node.fetch(`/peers/${peerIds.get(node)}`, {
      method: 'PATCH',
      headers: { authorization: admins.get(node) as string, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'refresh_directory' }),
    });
    if (read.status !== 200) throw new Error(`${node.name}: reading the peer's directory answered ${read.status} ${await read.text()}`);
  }
}
