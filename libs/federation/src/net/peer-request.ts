import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { classifyIp, parseIp, pinnedLookup, type WebhookTarget, WebhookTargetPolicy, WebhookTargetRefused } from '@mla/core';

/** A peer's answer: its status and at most the bytes asked for. */
export interface PeerAnswer {
  status: number;
  body: Buffer;
}

export interface PeerRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer;
  production: boolean;
  timeoutMs: number;
  maxBytes: number;
  /** The error thrown when no HTTP answer comes (refused target, failed connection, timeout, too large), with why. */
  failure: (why: string) => Error;
}

/**
 * One HTTP call to `{baseUrl}{path}` on a peer as the webhooks reach their targets (DESIGN
 * §12): the URL checked and resolved by the outbound policy, the connection pinned to the
 * addresses checked, no redirect followed, within `timeoutMs`, the answer read up to
 * `maxBytes`. A peer is https; http only on loopback and outside production (DESIGN §15).
 */
export async function requestPeer(policy: WebhookTargetPolicy, baseUrl: string, path: string, r: PeerRequest): Promise<PeerAnswer> {
  let target: WebhookTarget;
  try {
    target = await policy.check(`${baseUrl}${path}`);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw r.failure(`${baseUrl} ${error.reason}`);
    throw error;
  }
  if (target.url.protocol === 'http:') {
    const loopback = target.addresses.every((a) => {
      const ip = parseIp(a.address);
      return ip !== null && classifyIp(ip).category === 'loopback';
    });
    if (r.production || !loopback) throw r.failure(`${baseUrl} must use https (http only on loopback and outside production)`);
  }
  return send(target, r);
}

function send(target: WebhookTarget, r: PeerRequest): Promise<PeerAnswer> {
  const { url } = target;
  const call = url.protocol === 'https:' ? httpsRequest : httpRequest;
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
    const req = call({
      method: r.method,
      protocol: url.protocol,
      hostname: target.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: {
        ...r.headers,
        host: url.host,
        accept: 'application/json',
        'user-agent': 'MLA-Hub-Federation/1',
        connection: 'close',
        ...(r.body ? { 'content-length': String(r.body.length) } : {}),
      },
      agent: false,
      lookup: pinnedLookup(target.addresses),
      ...(url.protocol === 'https:' && !target.literal ? { servername: target.hostname } : {}),
    });
    const timer = setTimeout(() => finish(r.failure(`${url.origin} did not answer within ${r.timeoutMs} ms`)), r.timeoutMs);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > r.maxBytes) finish(r.failure(`${url.origin}${url.pathname} answered more than ${r.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => finish(null, status));
      res.on('error', () => finish(r.failure(`${url.origin} broke the connection`)));
      res.on('aborted', () => finish(r.failure(`${url.origin} broke the connection`)));
    });
    req.on('error', () => finish(r.failure(`${url.origin}: no HTTP answer (the connection failed or timed out)`)));
    req.end(r.body);
  });
}
