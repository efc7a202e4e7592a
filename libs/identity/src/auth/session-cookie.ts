import type { AppConfig } from '@mla/core';
import { AppException } from '@mla/core';

/**
 * The console's session cookie (DESIGN §12), a minimal version until server-side sessions
 * land: the bearer token itself, carried in an HttpOnly, SameSite=Strict cookie on `/`
 * (Secure in production). The guard accepts it when no Authorization header is sent; a
 * state-changing request carried by the cookie needs an `Origin` equal to the API's own.
 */
export const SESSION_COOKIE = 'mla_session';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'strict';
  path: '/';
  secure: boolean;
  maxAge: number;
}

export function sessionCookieOptions(config: Pick<AppConfig, 'isProduction' | 'JWT_TTL_SECONDS'>): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: config.isProduction, maxAge: config.JWT_TTL_SECONDS };
}

/** What the guard needs of a request (Fastify's, with @fastify/cookie's `cookies`). */
export interface CookieCarrier {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
  protocol?: string;
  host?: string;
}

/** The session token of the cookie, or null (parsed by @fastify/cookie, or from the header when it is not registered). */
export function sessionTokenOf(request: CookieCarrier): string | null {
  const parsed = request.cookies?.[SESSION_COOKIE];
  if (parsed) return parsed;
  const header = request.headers.cookie;
  const raw = (Array.isArray(header) ? header.join(';') : (header ?? ''))
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return raw ? decodeURIComponent(raw.slice(SESSION_COOKIE.length + 1)) || null : null;
}

/** The API's own origin as the browser sees it (scheme and host, behind a trusted proxy too). */
export function ownOrigin(request: CookieCarrier): string | null {
  const host = request.host ?? (typeof request.headers.host === 'string' ? request.headers.host : undefined);
  if (!host) return null;
  return `${request.protocol ?? 'http'}://${host}`.toLowerCase();
}

/**
 * CSRF defence for cookie-carried requests: POST, PUT, PATCH and DELETE need an `Origin`
 * header naming the API's own origin (403 FORBIDDEN otherwise). Reads pass.
 */
export function assertSameOriginForCookie(request: CookieCarrier): void {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return;
  const origin = request.headers.origin;
  const expected = ownOrigin(request);
  if (typeof origin !== 'string' || origin === 'null' || expected === null || origin.toLowerCase() !== expected) {
    throw AppException.forbidden('A change made with the session cookie needs an Origin header naming this site (cross-site requests are refused)');
  }
}
