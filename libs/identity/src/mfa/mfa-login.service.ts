import { Injectable } from '@nestjs/common';
import { AppException } from '@mla/core';
import { AuthService, LoginContext, LoginResult } from '../auth/auth.service';
import { UsersRepository } from '../users/users.repository';
import { MfaChallengeTokens } from './mfa-challenge-tokens';
import type { MfaLoginDto } from './mfa.dto';
import { MfaService } from './mfa.service';
import type { WebAuthnSite } from './webauthn-site';

/**
 * The second step of a sign-in (DESIGN §16): the challenge token of the password step and
 * a factor open the session exactly as a one-step login does (bearer or cookie, as the
 * login asked), stepped up from now. A wrong factor is 401 and counts in the login limits.
 */
@Injectable()
export class MfaLoginService {
  constructor(
    private readonly challenges: MfaChallengeTokens,
    private readonly users: UsersRepository,
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
  ) {}

  async complete(dto: MfaLoginDto, context: LoginContext, site: WebAuthnSite, now: Date): Promise<LoginResult> {
    const user = await this.userOf(dto.challengeToken);
    if (!(await this.mfa.prove(user, dto, context, site))) {
      throw new AppException('UNAUTHENTICATED', 'The code or passkey is wrong', [{ field: dto.code !== undefined ? 'code' : 'assertion', message: 'is not accepted' }]);
    }
    return this.auth.openSession(user, user.transport, context, now);
  }

  /** Options for the passkey step of this sign-in. */
  async passkeyOptions(challengeToken: string, site: WebAuthnSite) {
    const user = await this.userOf(challengeToken);
    return this.mfa.passkeyAssertionOptions(user.id, site);
  }

  /** The transport the login asked for (the controller checks the Origin of a cookie session). */
  async transportOf(challengeToken: string) {
    return (await this.challenges.verify(challengeToken)).tr;
  }

  private async userOf(challengeToken: string) {
    const claims = await this.challenges.verify(challengeToken);
    const user = await this.users.findById(claims.sub);
    if (!user || !user.active || !user.mfaEnrolledAt) throw new AppException('UNAUTHENTICATED', 'The sign-in challenge is no longer valid; sign in again with your password');
    return { ...user, sessionEpoch: claims.ep, transport: claims.tr };
  }
}
