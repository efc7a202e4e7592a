import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, Clock, TransactionRunner } from '@mla/core';
import { AuthoritiesRepository } from '../authorities/authorities.repository';
import type { Principal } from '../principal';
import { SessionCache } from '../sessions/session-cache';
import type { SessionTransport } from '../sessions/session.row';
import { SessionsRepository } from '../sessions/sessions.repository';
import type { UserRow } from '../users/user.row';
import { UsersRepository } from '../users/users.repository';
import { MfaChallengeTokens } from '../mfa/mfa-challenge-tokens';
import { MfaRepository } from '../mfa/mfa.repository';
import type { MfaChallengeDto } from '../mfa/mfa.dto';
import { ChangePasswordDto, LoginDto, LoginResponseDto, MeDto } from './login.dto';
import { DeviceTokens } from './device-tokens';
import { LoginLimiter } from './login-limiter';
import { hashPassword } from './password';
import { PasswordVerifier } from './password-verifier';
import { SessionTokens } from './session-tokens';

/** Where a login comes from: the limits count per client, the session records it. */
export interface LoginContext {
  client: string;
  userAgent: string | null;
  /** The device token the client carries (its cookie, or `deviceToken` in the body), if any. */
  deviceToken?: string | null;
}

/** What opening a session needs of a user (read with the password hash, or again after the second factor). */
export type SessionUser = Pick<UserRow, 'id' | 'email' | 'role' | 'authorityId'> & { sessionEpoch: number };

export interface LoginResult {
  response: LoginResponseDto;
  /** The session token (in the answer for bearer sessions, in the cookie for the console). */
  token: string;
  transport: SessionTransport;
  /** A new device token for this client (in the answer for bearer sessions, in a cookie for the console). */
  deviceToken: string;
}

/** Ended sessions are kept this long (then forgotten at the user's next login). */
const ENDED_SESSIONS_KEPT_MS = 30 * 24 * 3_600_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly sessions: SessionsRepository,
    private readonly sessionCache: SessionCache,
    private readonly tokens: SessionTokens,
    private readonly limiter: LoginLimiter,
    private readonly passwords: PasswordVerifier,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly challenges: MfaChallengeTokens,
    private readonly mfa: MfaRepository,
    private readonly devices: DeviceTokens,
  ) {}

  /**
   * Checks the password (within the login limits: an unknown client's, or, with a device
   * token of this account, the device's own) and opens a session: a row in `sessions`, whose
   * id the signed token carries. The same answer, 401 with `attemptsRemaining`, for an
   * unknown e-mail, a wrong password and a deactivated account.
   */
  async login(dto: LoginDto, context: LoginContext): Promise<LoginResult | MfaChallengeDto> {
    const device = this.devices.verify(dto.deviceToken ?? context.deviceToken, dto.email);
    const reservation = await this.limiter.reserve(dto.email, context.client, device);
    let user: Awaited<ReturnType<UsersRepository['findByEmailWithHash']>>;
    let ok: boolean;
    try {
      user = await this.users.findByEmailWithHash(dto.email);
      ok = await this.passwords.verify(user?.passwordHash, dto.password);
    } catch (error) {
      await this.limiter.released(reservation);
      throw error;
    }
    if (!user || !ok || !user.active) {
      const left = reservation.attemptsRemaining;
      throw new AppException('UNAUTHENTICATED', `The e-mail or password is wrong; ${left} attempt(s) left before a pause`, undefined, { attemptsRemaining: left });
    }
    await this.limiter.succeeded(reservation);
    const transport = dto.session ?? 'bearer';
    // A second factor on: no session yet, a short-lived challenge to complete (POST /auth/mfa).
    if (user.mfaEnrolledAt) return this.challenges.challenge(user, transport, await this.mfa.methods(user.id));
    return this.openSession(user, transport, context, null);
  }

  /**
   * Opens a session for a user whose password (and second factor, when they have one) was
   * checked: a row in `sessions`, whose id the signed token carries. `mfaAt`: when the
   * second factor was given (the session is stepped up from then).
   */
  async openSession(user: SessionUser, transport: SessionTransport, context: LoginContext, mfaAt: Date | null): Promise<LoginResult> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.JWT_TTL_SECONDS * 1000);
    await this.sessions.purgeEnded(user.id, new Date(now.getTime() - ENDED_SESSIONS_KEPT_MS));
    const sid = await this.sessions.insert({
      userId: user.id,
      epoch: user.sessionEpoch,
      transport,
      createdAt: now,
      expiresAt,
      clientAddress: context.client.slice(0, 64),
      userAgent: context.userAgent?.slice(0, 500) ?? null,
      mfaAt,
    });
    // The account changed while the password was checked (deactivated, reset): no session.
    if (!sid) throw new AppException('UNAUTHENTICATED', 'The e-mail or password is wrong');
    const authority = user.authorityId ? await this.authorities.findById(user.authorityId) : null;
    const principal: Principal = {
      userId: user.id,
      email: user.email,
      role: user.role,
      authorityId: user.authorityId,
      authorityCode: authority?.code ?? null,
      country: authority?.country ?? null,
    };
    const token = await this.tokens.sign(
      { sub: user.id, sid, email: user.email, role: user.role, authorityId: user.authorityId, authorityCode: principal.authorityCode, country: principal.country },
      expiresAt,
    );
    const common = { expiresIn: this.config.JWT_TTL_SECONDS, expiresAt: expiresAt.toISOString(), user: await this.me(principal) };
    const deviceToken = this.devices.issue(user.email);
    const response: LoginResponseDto = transport === 'cookie' ? { tokenType: 'Cookie', ...common } : { accessToken: token, tokenType: 'Bearer', deviceToken, ...common };
    return { response, token, transport, deviceToken };
  }

  /** Ends the caller's session, here and on every replica. */
  async logout(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.sessions.revoke(principal.sessionId, principal.userId, this.clock.now(), 'logout');
    await this.sessionCache.invalidateSession(principal.sessionId);
  }

  /**
   * The caller changes their own password (the current one checked within the login limits:
   * a stolen session cannot guess it either); every other session of theirs ends.
   */
  async changePassword(principal: Principal, dto: ChangePasswordDto, context: LoginContext): Promise<void> {
    const reservation = await this.limiter.reserve(principal.email, context.client);
    let ok: boolean;
    let user: Awaited<ReturnType<UsersRepository['findByEmailWithHash']>>;
    try {
      user = await this.users.findByEmailWithHash(principal.email);
      ok = !!user && user.id === principal.userId && (await this.passwords.verify(user.passwordHash, dto.currentPassword));
    } catch (error) {
      await this.limiter.released(reservation);
      throw error;
    }
    if (!ok || !user) {
      throw new AppException('FORBIDDEN', 'The current password is wrong', [{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    await this.limiter.succeeded(reservation);
    if (dto.newPassword === dto.currentPassword) {
      throw AppException.rule('The new password must differ from the current one', [{ field: 'newPassword', message: 'is the current password' }]);
    }
    const passwordHash = await hashPassword(dto.newPassword);
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      await this.users.update(m, principal.userId, { passwordHash }, now);
      await this.sessions.endAllOfUser(m, principal.userId, now, 'password_changed', principal.sessionId);
    });
    await this.sessionCache.invalidateUser(principal.userId);
  }

  async me(principal: Principal): Promise<MeDto> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new AppException('UNAUTHENTICATED', 'This account no longer exists');
    const authority = user.authorityId ? await this.authorities.findById(user.authorityId) : null;
    const mfaEnrolled = user.mfaEnrolledAt !== null && user.mfaEnrolledAt !== undefined;
    return {
      mfaEnrolled,
      mfaEnrolmentRequired: !mfaEnrolled && this.config.mfaRequiredRoles.includes(user.role),
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      authority: authority
        ? {
            id: authority.id,
            code: authority.code,
            name: authority.name,
            country: authority.country,
            kind: authority.kind,
            timezone: authority.timezone,
            language: authority.language,
          }
        : null,
    };
  }
}
