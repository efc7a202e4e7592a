import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, AppException, Clock } from '@mla/core';
import type { SessionTransport } from '../sessions/session.row';
import type { UserRow } from '../users/user.row';
import type { MfaChallengeDto } from './mfa.dto';

/** How long a password-checked login waits for its second factor. */
const CHALLENGE_TTL_SECONDS = 300;

/** What a challenge token says: who passed the password, in which session epoch, for which transport. */
export interface MfaChallengeClaims {
  sub: string;
  /** The user's session epoch at the password check: a reset or deactivation since voids the challenge. */
  ep: number;
  tr: SessionTransport;
  typ: 'mfa-challenge';
}

/**
 * The token that carries a login from the password to the second factor (DESIGN §16):
 * HS256 with its own audience (`<JWT_AUDIENCE>:mfa`), so that it is never a session token
 * and a session token is never one of these; five minutes.
 */
@Injectable()
export class MfaChallengeTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private get audience(): string {
    return `${this.config.JWT_AUDIENCE}:mfa`;
  }

  async challenge(user: Pick<UserRow, 'id'> & { sessionEpoch: number }, transport: SessionTransport, methods: MfaChallengeDto['methods']): Promise<MfaChallengeDto> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: MfaChallengeClaims = { sub: user.id, ep: user.sessionEpoch, tr: transport, typ: 'mfa-challenge' };
    const challengeToken = await this.jwt.signAsync(
      { ...claims, iat, exp: iat + CHALLENGE_TTL_SECONDS },
      { algorithm: 'HS256', issuer: this.config.JWT_ISSUER, audience: this.audience },
    );
    return { mfaRequired: true, challengeToken, methods, session: transport };
  }

  /** The claims of a live challenge token; 401 otherwise. */
  async verify(token: string): Promise<MfaChallengeClaims> {
    try {
      const claims = await this.jwt.verifyAsync<MfaChallengeClaims>(token, {
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: this.audience,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (claims.typ !== 'mfa-challenge' || typeof claims.sub !== 'string' || typeof claims.ep !== 'number') throw new Error('not a challenge');
      return claims;
    } catch {
      throw new AppException('UNAUTHENTICATED', 'The sign-in challenge is invalid or has expired; sign in again with your password');
    }
  }
}
