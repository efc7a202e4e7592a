import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PassThrough, type Readable } from 'node:stream';
import { classifyIp, parseIp, pinnedLookup, type WebhookTarget, WebhookTargetPolicy, WebhookTargetRefused } from '@mla/core';

/** A peer's answer: its status and at most the bytes asked for. */
export interface PeerAnswer {
  status: number;
  body: Buffer;
}

/** A peer's answer whose body is streamed as it arrives (never held whole), cut at `maxBytes` or at the deadline. */
export interface PeerStreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Ends with the peer's last byte; fails with `failure(why)` on too many bytes, a broken connection or the deadline. */
  body: Readable;
}

export interface PeerRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer;
  production: boolean;
  timeoutMs: number;
  maxBytes: number;
  /** The Accept header (default application/json). */
  accept?: string;
  /** The error thrown when no HTTP answer comes (refused target, failed connection, timeout, too large), with why. */
  failure: (why: string) => Error;
}

export interface PeerStreamRequest extends PeerRequest {
  /** How long the whole body may take to arrive once the answer's head has come (within `timeoutMs`). */
  bodyTimeoutMs: number;
}

/**
 * One HTTP call to `{baseUrl}{path}` on a peer as the webhooks reach their targets (DESIGN
 * §12): the URL checked and resolved by the outbound policy, the connection pinned to the
 * addresses checked, no redirect followed, within `timeoutMs`, the answer read up to
 * `maxBytes`. A peer is https; http only on loopback and outside production (DESIGN §15).
 */
export async function requestPeer(policy: WebhookTargetPolicy, baseUrl: string, path: string, r: PeerRequest): Promise<PeerAnswer> {
  const target = await checkedTarget(policy, baseUrl, path, r);
  const answer = await open(target, r, r.timeoutMs, r.timeoutMs);
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(chunk as Buffer);
  return { status: answer.status, body: Buffer.concat(chunks) };
}

/**
 * requestPeer() for a body too large to hold (a file, DESIGN §15): resolves with the status
 * and headers once the answer's head arrives (within `timeoutMs`); its body is a stream the
 * caller reads, failing once more than `maxBytes` arrive or when it is not over
 * `bodyTimeoutMs` after the head (a slow peer). The caller reads or destroys it.
 */
export async function streamFromPeer(policy: WebhookTargetPolicy, baseUrl: string, path: string, r: PeerStreamRequest): Promise<PeerStreamAnswer> {
  const target = await checkedTarget(policy, baseUrl, path, r);
  return open(target, r, r.timeoutMs, r.timeoutMs + r.bodyTimeoutMs);
}

async function checkedTarget(policy: WebhookTargetPolicy, baseUrl: string, path: string, r: PeerRequest): Promise<WebhookTarget> {
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
  return target;
}

/**
 * Sends the request; resolves with the answer's head within `headMs`, its body streamed
 * (backpressure kept: the socket pauses while the reader does) until `totalMs` after the
 * start. Every failure is `r.failure(why)`: before the head, the promise rejects; after it,
 * the body stream fails. The connection is closed when the body ends, fails or is destroyed.
 */
function open(target: WebhookTarget, r: PeerRequest, headMs: number, totalMs: number): Promise<PeerStreamAnswer> {
  const { url } = target;
  const call = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let body: PassThrough | null = null;
    let done = false;
    let read = 0;
    const timers: NodeJS.Timeout[] = [];
    const close = () => {
      done = true;
      for (const t of timers) clearTimeout(t);
      req.destroy();
    };
    const fail = (why: string) => {
      if (done) return;
      close();
      if (body) body.destroy(r.failure(why));
      else reject(r.failure(why));
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
        accept: r.accept ?? 'application/json',
        'user-agent': 'MLA-Hub-Federation/1',
        connection: 'close',
        ...(r.body ? { 'content-length': String(r.body.length) } : {}),
      },
      agent: false,
      lookup: pinnedLookup(target.addresses),
      ...(url.protocol === 'https:' && !target.literal ? { servername: target.hostname } : {}),
    });
    const head = setTimeout(() => fail(`${url.origin} did not answer within ${headMs} ms`), headMs);
    timers.push(head, setTimeout(() => fail(`${url.origin} did not ${totalMs > headMs ? 'send the whole answer' : 'answer'} within ${totalMs} ms`), totalMs));
    req.on('response', (res: IncomingMessage) => {
      clearTimeout(head);
      const stream = new PassThrough();
      body = stream;
      // Whoever reads the body sees its failure; one that stopped reading must not crash the process with it.
      stream.on('error', () => undefined);
      // The reader stopped early (it had enough, or failed): the connection goes with it.
      stream.on('close', () => {
        if (!done) close();
      });
      stream.on('drain', () => res.resume());
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        read += chunk.length;
        if (read > r.maxBytes) fail(`${url.origin}${url.pathname} answered more than ${r.maxBytes} bytes`);
        else if (!stream.write(chunk)) res.pause();
      });
      res.on('end', () => {
        if (done) return;
        close();
        stream.end();
      });
      res.on('error', () => fail(`${url.origin} broke the connection`));
      res.on('aborted', () => fail(`${url.origin} broke the connection`));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: stream });
    });
    req.on('error', () => fail(`${url.origin}: no HTTP answer (the connection failed or timed out)`));
    req.end(r.body);
  });
}
