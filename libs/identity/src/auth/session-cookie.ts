import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
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

/** The console's device token (DeviceTokens): HttpOnly, SameSite=Strict, Path=/, `__Host-` and Secure in production. */
export function deviceCookieName(config: AppConfig): string {
  return config.isProduction ? '__Host-mla_device' : 'mla_device';
}

/** Sets the cookies of a console sign-in: its session, and its device token (kept after sign-out: it is how the owner keeps a way in). */
export function setSignInCookies(reply: FastifyReply, config: AppConfig, result: { token: string; deviceToken: string; response: { expiresIn: number } }): void {
  reply.setCookie(sessionCookieName(config), result.token, sessionCookieOptions(config, result.response.expiresIn));
  reply.setCookie(deviceCookieName(config), result.deviceToken, sessionCookieOptions(config, config.DEVICE_TOKEN_TTL_DAYS * 86_400));
}
