import type { CookieSerializeOptions } from '@fastify/cookie';
import type { AppConfig } from '@mla/core';

/**
 * The console's session cookie: the same token as the bearer one, HttpOnly (no script
 * reads it), SameSite=Strict, Path=/ (the API and the queue board), Secure in production,
 * where it also takes the `__Host-` prefix (the browser then refuses it from any other
 * host or without TLS).
 */
export function sessionCookieName(config: AppConfig): string {
  return config.isProduction ? '__Host-mla_session' : 'mla_session';
}

export function sessionCookieOptions(config: AppConfig, maxAgeSeconds: number): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: config.isProduction, maxAge: Math.max(0, Math.floor(maxAgeSeconds)) };
}
