import { Webhook } from 'standardwebhooks';

export interface WebhookAttempt {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** The Standard Webhooks headers for a body: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
export function signWebhook(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

/**
 * POSTs a signed body once. A timeout bounds it; redirects are never followed (a 3xx is a
 * failed attempt), so a delivery cannot be steered to another host.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WebhookAttempt> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'MLA-Hub-Webhooks/1.0', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null };
    const why = res.status >= 300 && res.status < 400 ? 'redirect not followed' : `HTTP ${res.status}`;
    return { ok: false, statusCode: res.status, error: why };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return { ok: false, statusCode: null, error: e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.message) };
  }
}
