import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { classifyIp, parseIp, pinnedLookup, type WebhookTarget, WebhookTargetPolicy, WebhookTargetRefused } from '@mla/core';

/** The most of a peer's answer read (a receipt or a problem carrying one). */
export const ANSWER_MAX_BYTES = 64 * 1024;
export const MESSAGES_PATH = '/federation/v1/messages';

/** A POST that got no HTTP answer (refused target, connection failed, timeout, answer too large), with why. */
export class PostFailed extends Error {}

export interface PostAnswer {
  status: number;
  body: Buffer;
}

/**
 * POSTs a signed message to `{peerUrl}/federation/v1/messages` as the webhooks reach their
 * targets (DESIGN §12): the URL checked and resolved by the outbound policy, the connection
 * pinned to the addresses checked, no redirect followed, within `timeoutMs`, the answer read
 * up to ANSWER_MAX_BYTES. https; http only on loopback and outside production.
 */
export async function postMessage(policy: WebhookTargetPolicy, peerUrl: string, headers: Record<string, string>, body: Buffer, production: boolean, timeoutMs: number): Promise<PostAnswer> {
  let target: WebhookTarget;
  try {
    target = await policy.check(`${peerUrl}${MESSAGES_PATH}`);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw new PostFailed(`${peerUrl} ${error.reason}`);
    throw error;
  }
  if (target.url.protocol === 'http:') {
    const loopback = target.addresses.every((a) => {
      const ip = parseIp(a.address);
      return ip !== null && classifyIp(ip).category === 'loopback';
    });
    if (production || !loopback) throw new PostFailed(`${peerUrl} must use https (http only on loopback and outside production)`);
  }
  return post(target, headers, body, timeoutMs);
}

function post(target: WebhookTarget, headers: Record<string, string>, body: Buffer, timeoutMs: number): Promise<PostAnswer> {
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
      method: 'POST',
      protocol: url.protocol,
      hostname: target.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: { ...headers, host: url.host, accept: 'application/json', 'user-agent': 'MLA-Hub-Federation/1', connection: 'close', 'content-length': String(body.length) },
      agent: false,
      lookup: pinnedLookup(target.addresses),
      ...(url.protocol === 'https:' && !target.literal ? { servername: target.hostname } : {}),
    });
    const timer = setTimeout(() => finish(new PostFailed(`${url.origin} did not answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > ANSWER_MAX_BYTES) finish(new PostFailed(`${url.origin} answered more than ${ANSWER_MAX_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => finish(null, status));
      res.on('error', () => finish(new PostFailed(`${url.origin} broke the connection`)));
      res.on('aborted', () => finish(new PostFailed(`${url.origin} broke the connection`)));
    });
    req.on('error', () => finish(new PostFailed(`${url.origin}: no HTTP answer (the connection failed or timed out)`)));
    req.end(body);
  });
}
