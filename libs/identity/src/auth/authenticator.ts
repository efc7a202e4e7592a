import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig, AppException, Clock } from '@mla/core';
import type { Principal, PrincipalMfa } from '../principal';
import { SessionCache } from '../sessions/session-cache';
import type { SessionState, SessionTransport } from '../sessions/session.row';
import { SessionsRepository } from '../sessions/sessions.repository';
import { sessionCookieName } from './session-cookie';
import { SessionTokens, TokenClaims } from './session-tokens';

/** The session a request carries, as sent. */
export interface Credential {
  token: string;
  transport: SessionTransport;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };

/**
 * Who is calling (DESIGN §12): the session token, from the Authorization header (API
 * clients) or the console's cookie, verified (signature, `iss`, `aud`, expiry) and then
 * checked against the live session and user: the session is neither signed out nor expired
 * nor ended by a change of its user (its epoch), and the user is active with the role and
 * the authority the token names. The caller's e-mail, role, authority, its code and country
 * are then read from that live row, never from the token's claims. A cookie-carried state
 * change must also come from an allowed Origin (the API's own, or ALLOWED_ORIGINS): a cross-site form or script cannot
 * ride on the cookie.
 */
@Injectable()
export class Authenticator {
  private readonly cookieName: string;

  constructor(
    private readonly tokens: SessionTokens,
    private readonly sessions: SessionsRepository,
    private readonly cache: SessionCache,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.cookieName = sessionCookieName(config);
  }

  /** The bearer token, else the session cookie; null when the request carries neither. A non-Bearer Authorization is an error. */
  credentialOf(request: FastifyRequest): Credential | null {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppException('UNAUTHENTICATED', 'Send a bearer token: Authorization: Bearer <token> (POST /api/v1/auth/login)');
      return { token: match[1] as string, transport: 'bearer' };
    }
    const cookie = (request as CookieRequest).cookies?.[this.cookieName];
    return cookie ? { token: cookie, transport: 'cookie' } : null;
  }

  /** The caller of this request, or throws 401 (no, bad or ended session) or 403 (a cookie-carried state change from a foreign origin). */
  async authenticate(request: FastifyRequest): Promise<Principal> {
    const credential = this.credentialOf(request);
    if (!credential) throw new AppException('UNAUTHENTICATED', 'Sign in: send Authorization: Bearer <token> (POST /api/v1/auth/login), or the console session cookie');
    let claims: TokenClaims;
    try {
      claims = await this.tokens.verify(credential.token);
    } catch {
      throw new AppException('UNAUTHENTICATED', 'The session token is invalid or has expired; log in again');
    }
    const state = await this.cache.get(claims.sid, () => this.sessions.state(claims.sid));
    const ended = whyEnded(state, claims, this.clock.now());
    if (ended) throw new AppException('UNAUTHENTICATED', `The session has ended (${ended}); log in again`);
    if (credential.transport === 'cookie' && UNSAFE_METHODS.has(request.method)) this.assertAllowedOrigin(request);
    // Who calls is the live session's user (issue 22 item 5): a claim the token adds or changes, even signed with the
    // right secret, says nothing. whyEnded() checked that the role and authority are the ones the session was opened with.
    const live = state as SessionState;
    return {
      userId: live.userId,
      email: live.userEmail,
      role: live.userRole,
      authorityId: live.userAuthorityId ?? null,
      authorityCode: live.authorityCode ?? null,
      country: live.authorityCountry ?? null,
      sessionId: live.id,
      transport: credential.transport,
      mfa: mfaOf(state as SessionState, this.config),
    };
  }

  /** Throws 403 unless the request's Origin is the API's own or one of ALLOWED_ORIGINS. */
  assertAllowedOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    const own = `${request.protocol}://${request.host}`.toLowerCase();
    if (typeof origin === 'string' && (origin.toLowerCase() === own || this.config.allowedOrigins.includes(origin.toLowerCase()))) return;
    throw AppException.forbidden(
      origin === undefined
        ? 'A state change carried by the session cookie needs the Origin header of the console'
        : 'A state change carried by the session cookie is accepted only from the console (this Origin is not allowed)',
    );
  }
}

/** The second factor of a live session: enrolled, last given, and whether the role still has to enrol one (DESIGN §16). */
function mfaOf(s: SessionState, config: AppConfig): PrincipalMfa {
  return { enrolled: s.userMfaEnrolled, verifiedAt: s.mfaAt, enrolmentRequired: !s.userMfaEnrolled && config.mfaRequiredRoles.includes(s.userRole) };
}

/** Why the session is no longer valid for these claims, or null when it is live. */
function whyEnded(s: SessionState | null, claims: TokenClaims, now: Date): string | null {
  if (!s || s.userId !== claims.sub) return 'unknown session';
  if (s.revokedAt) return 'signed out';
  if (s.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (!s.userActive) return 'the account is deactivated';
  if (s.epoch !== s.userEpoch) return 'the account was changed';
  if (s.userRole !== claims.role || (s.userAuthorityId ?? null) !== (claims.authorityId ?? null)) return 'the role or authority changed';
  return null;
}
