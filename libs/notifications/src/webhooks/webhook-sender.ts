import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { pinnedLookup, type WebhookTarget } from '@mla/core';

export { pinnedLookup };

export interface WebhookAttempt {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** Bytes of the response body read (at most the cap and one chunk); the rest is never read. */
  responseBytes?: number;
}

/**
 * What an attempt without an HTTP answer records, whatever the cause (refused, reset, timed
 * out, TLS failed, unreachable): an admin reads `lastError`, and telling these apart would
 * say whether a port is open (a port scanner). The status of an answer is kept.
 */
export const NO_HTTP_ANSWER = 'no HTTP answer (the connection failed or timed out)';

/** How much of a webhook's response body is read (then dropped, and the connection closed). */
export const WEBHOOK_RESPONSE_CAP_BYTES = 64 * 1024;

/** The Standard Webhooks headers for a body: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
export function signWebhook(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

/**
 * POSTs a signed body once to a checked target, connecting only to its checked addresses
 * (the URL's host name stays the Host header and the TLS server name, so the certificate is
 * verified against it). A timeout bounds the whole attempt; redirects are never followed (a
 * 3xx is a failed attempt), so a delivery cannot be steered to another host. The response
 * body is read up to WEBHOOK_RESPONSE_CAP_BYTES and dropped; the connection is then closed.
 */
export function postWebhook(target: WebhookTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WebhookAttempt> {
  const { url } = target;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAttempt>((resolve) => {
    let settled = false;
    let response: IncomingMessage | undefined;
    let read = 0;
    const finish = (attempt: WebhookAttempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(attempt);
    };
    const byStatus = (status: number): WebhookAttempt => {
      if (status >= 200 && status < 300) return { ok: true, statusCode: status, error: null, responseBytes: read };
      const why = status >= 300 && status < 400 ? 'redirect not followed' : `HTTP ${status}`;
      return { ok: false, statusCode: status, error: why, responseBytes: read };
    };
    const req = send({
      method: 'POST',
      protocol: url.protocol,
      hostname: target.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: {
        host: url.host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'MLA-Hub-Webhooks/1.0',
        connection: 'close',
        ...headers,
      },
      // A connection of its own, closed after this attempt; only the checked addresses.
      agent: false,
      lookup: pinnedLookup(target.addresses),
      ...(url.protocol === 'https:' && !target.literal ? { servername: target.hostname } : {}),
    });
    const timer = setTimeout(() => {
      // Once the status is in, a slow body only ends the reading.
      finish(response?.statusCode !== undefined ? byStatus(response.statusCode) : { ok: false, statusCode: null, error: NO_HTTP_ANSWER });
    }, timeoutMs);
    req.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= WEBHOOK_RESPONSE_CAP_BYTES) finish(byStatus(status));
      });
      res.on('end', () => finish(byStatus(status)));
      res.on('error', () => finish(byStatus(status)));
      res.on('aborted', () => finish(byStatus(status)));
    });
    req.on('error', () => {
      if (response?.statusCode !== undefined) finish(byStatus(response.statusCode));
      else finish({ ok: false, statusCode: null, error: NO_HTTP_ANSWER });
    });
    req.end(body);
  });
}
