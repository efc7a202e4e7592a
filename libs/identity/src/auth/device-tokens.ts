import { Injectable } from '@nestjs/common';
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig, Clock } from '@mla/core';

/** The account a login names, as the limits key it: the e-mail in any case, hashed. */
export function accountKeyOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/** A device token that checked out: its own id (its failures are counted by it). */
export interface TrustedDevice {
  id: string;
}

const PREFIX = 'd1';

/**
 * Device tokens (DESIGN §12; OWASP "Slow brute force protection using device cookies"): a
 * client that signed in to an account carries a token bound to that account, HMAC-SHA256
 * signed with a key derived from JWT_SECRET (HKDF, its own label), that expires after
 * DEVICE_TOKEN_TTL_DAYS. Presented at the next sign-in to the same account, it spares the
 * client the per-account and per-address limits (an attacker cannot lock the owner out);
 * it has its own limit of wrong passwords instead (LoginLimiter). A token that does not
 * verify, has expired or names another account is ignored: the client is an unknown one.
 * Format: `d1.<account key>.<random id>.<expiry, unix seconds>.<HMAC, base64url>`.
 */
@Injectable()
export class DeviceTokens {
  private readonly key: Buffer;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'mla-hub', 'mla-hub device tokens v1', 32));
  }

  /** A new token for the account of this e-mail (given at every sign-in). */
  issue(email: string): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + this.config.DEVICE_TOKEN_TTL_DAYS * 86_400;
    const body = `${PREFIX}.${accountKeyOf(email)}.${randomBytes(16).toString('base64url')}.${expires}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The device, when the token is genuine, unexpired and bound to this e-mail's account; null otherwise. */
  verify(token: string | null | undefined, email: string): TrustedDevice | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== PREFIX) return null;
    const [, account, id, expires, mac] = parts as [string, string, string, string, string];
    const expected = Buffer.from(this.mac(parts.slice(0, 4).join('.')));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (account !== accountKeyOf(email)) return null;
    if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 <= this.clock.now().getTime()) return null;
    return { id };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
