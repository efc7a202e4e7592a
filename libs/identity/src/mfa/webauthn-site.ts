import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '@mla/core';

/** Where passkeys are used: the relying party id and the origins a browser may speak from. */
export interface WebAuthnSite {
  rpId: string;
  origins: string[];
}

/**
 * The WebAuthn relying party of a request: WEBAUTHN_RP_ID, else the host name the request
 * was sent to (the console is served by the API: `localhost` in development; WebAuthn
 * refuses IP addresses). The origins: the API's own and ALLOWED_ORIGINS.
 */
export function webAuthnSiteOf(request: FastifyRequest, config: AppConfig): WebAuthnSite {
  const own = `${request.protocol}://${request.host}`.toLowerCase();
  return { rpId: config.WEBAUTHN_RP_ID ?? request.hostname.toLowerCase(), origins: [own, ...config.allowedOrigins] };
}

/** The challenge a browser signed, read from a WebAuthn response's clientDataJSON; null when there is none. */
export function challengeOf(response: Record<string, unknown>): string | null {
  const inner = response.response as Record<string, unknown> | undefined;
  const data = inner?.clientDataJSON;
  if (typeof data !== 'string' || data.length > 10_000) return null;
  try {
    const parsed = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof parsed.challenge === 'string' && parsed.challenge.length <= 200 ? parsed.challenge : null;
  } catch {
    return null;
  }
}
