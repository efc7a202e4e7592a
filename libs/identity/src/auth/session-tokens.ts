import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, Clock } from '@mla/core';
import type { Role } from '../principal';

/** What a session token says (HS256, `iss` and `aud` checked). */
export interface TokenClaims {
  sub: string;
  /** The session (sessions.id): the token is honoured only while it is live. */
  sid: string;
  email: string;
  role: Role;
  authorityId: string | null;
  authorityCode: string | null;
  country: string | null;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

export type SessionClaims = Omit<TokenClaims, 'iat' | 'exp' | 'iss' | 'aud'>;

/** Verifying an HS256 token costs ~0.3 ms; a token's claims never change, so verified ones are kept until they expire. */
const VERIFIED_CACHE_SIZE = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Signs and verifies session tokens: the signature, the algorithm (HS256 only), the issuer,
 * the audience and the expiry by the injected clock. Whether the session is still live is
 * the Authenticator's business (a verified token says who, not whether).
 */
@Injectable()
export class SessionTokens {
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  sign(claims: SessionClaims, expiresAt: Date): Promise<string> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return this.jwt.signAsync(
      { ...claims, iat, exp: Math.floor(expiresAt.getTime() / 1000) },
      { algorithm: 'HS256', issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE },
    );
  }

  /** The claims of a token this API signed and that has not expired; throws otherwise. */
  async verify(token: string): Promise<TokenClaims> {
    const now = this.clock.now().getTime();
    const cached = this.verified.get(token);
    if (cached && cached.exp * 1000 > now) return cached;
    const claims = await this.jwt.verifyAsync<TokenClaims>(token, {
      algorithms: ['HS256'],
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      clockTimestamp: Math.floor(now / 1000),
    });
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || typeof claims.sub !== 'string') throw new Error('not a session token');
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, claims);
    return claims;
  }
}
