import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { classifyIp, parseIp, pinnedLookup, type WebhookTarget, WebhookTargetPolicy, WebhookTargetRefused } from '@mla/core';

/** The most a peer's well-known document may weigh. */
export const PEER_DOCUMENT_MAX_BYTES = 64 * 1024;
export const WELL_KNOWN_PATH = '/.well-known/mla-hub';

/** A peer whose document could not be read (refused target, no answer, not 200, too large, not JSON), with why. */
export class PeerUnreachable extends Error {}

/**
 * Reads `{url}/.well-known/mla-hub` as the webhooks reach their targets (DESIGN §12): the
 * URL checked and resolved by the outbound policy, the connection pinned to the addresses
 * checked, no redirect followed, within `timeoutMs`, at most PEER_DOCUMENT_MAX_BYTES. A peer
 * is https; http only on loopback and outside production (DESIGN §15).
 */
export async function fetchPeerDocument(policy: WebhookTargetPolicy, baseUrl: string, production: boolean, timeoutMs: number): Promise<unknown> {
  const { status, body } = await getFromPeer(policy, baseUrl, WELL_KNOWN_PATH, {}, production, timeoutMs, PEER_DOCUMENT_MAX_BYTES);
  if (status !== 200) throw new PeerUnreachable(`${baseUrl}${WELL_KNOWN_PATH} answered HTTP ${status}`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new PeerUnreachable(`${baseUrl}${WELL_KNOWN_PATH} did not answer JSON`);
  }
}

/** A GET of `{baseUrl}{path}` with `headers` (e.g. a signature), under the same rules as the well-known document; answers the status and at most `maxBytes`. */
export async function getFromPeer(policy: WebhookTargetPolicy, baseUrl: string, path: string, headers: Record<string, string>, production: boolean, timeoutMs: number, maxBytes: number): Promise<{ status: number; body: Buffer }> {
  let target: WebhookTarget;
  try {
    target = await policy.check(`${baseUrl}${path}`);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw new PeerUnreachable(`${baseUrl} ${error.reason}`);
    throw error;
  }
  if (target.url.protocol === 'http:') {
    const loopback = target.addresses.every((a) => {
      const ip = parseIp(a.address);
      return ip !== null && classifyIp(ip).category === 'loopback';
    });
    if (production || !loopback) throw new PeerUnreachable(`${baseUrl} must use https (http only on loopback and outside production)`);
  }
  return get(target, timeoutMs, headers, maxBytes);
}

function get(target: WebhookTarget, timeoutMs: number, extraHeaders: Record<string, string>, maxBytes: number): Promise<{ status: number; body: Buffer }> {
  const { url } = target;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let read = 0;
    const finish = (error: Error | null, status = 0) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      if (error) reject(error);
      else resolve({ status, body: Buffer.concat(chunks) });
    };
    const req = send({
      method: 'GET',
      protocol: url.protocol,
      hostname: target.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: { ...extraHeaders, host: url.host, accept: 'application/json', 'user-agent': 'MLA-Hub-Federation/1', connection: 'close' },
      agent: false,
      lookup: pinnedLookup(target.addresses),
      ...(url.protocol === 'https:' && !target.literal ? { servername: target.hostname } : {}),
    });
    const timer = setTimeout(() => finish(new PeerUnreachable(`${url.origin} did not answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > maxBytes) finish(new PeerUnreachable(`${url.origin}${url.pathname} is larger than ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => finish(null, status));
      res.on('error', () => finish(new PeerUnreachable(`${url.origin} broke the connection`)));
      res.on('aborted', () => finish(new PeerUnreachable(`${url.origin} broke the connection`)));
    });
    req.on('error', () => finish(new PeerUnreachable(`${url.origin}: no HTTP answer (the connection failed or timed out)`)));
    req.end();
  });
}
