import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, Clock, TransactionRunner } from '@mla/core';
import type { LoginContext } from '../auth/auth.service';
import { LoginLimiter } from '../auth/login-limiter';
import { StepUp } from '../auth/step-up';
import type { Principal } from '../principal';
import { SessionCache } from '../sessions/session-cache';
import { UsersRepository } from '../users/users.repository';
import type { MfaProofDto, MfaStatusDto, RecoveryCodesDto, TotpEnrolmentDto } from './mfa.dto';
import { MfaRepository } from './mfa.repository';
import { PasskeysService } from './passkeys.service';
import { hashRecoveryCode, isTotpCode, newRecoveryCodes } from './recovery-codes';
import { SecretBox } from './secret-box';
import { newTotpSecret, totpStep, totpUri } from './totp';
import type { WebAuthnSite } from './webauthn-site';

/** Whose factor is checked (the e-mail keys the login limits). */
export interface FactorOwner {
  id: string;
  email: string;
}

/**
 * The second factor (DESIGN §16): enrolment of a TOTP app (the secret sealed at rest) and of
 * passkeys, the ten recovery codes, and the check of a factor given at sign-in or step-up,
 * every attempt within the login limits (a wrong code counts as a wrong password would).
 */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(
    private readonly repo: MfaRepository,
    private readonly users: UsersRepository,
    private readonly passkeys: PasskeysService,
    private readonly limiter: LoginLimiter,
    private readonly sessionCache: SessionCache,
    private readonly stepUpPolicy: StepUp,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.box = SecretBox.fromConfig(config.MFA_SECRET_KEY, config.JWT_SECRET);
  }

  async status(p: Principal): Promise<MfaStatusDto> {
    const [totp, passkeys, left] = await Promise.all([this.repo.totp(p.userId), this.repo.passkeys(p.userId), this.repo.recoveryCodesLeft(p.userId)]);
    return {
      enrolled: p.mfa?.enrolled ?? false,
      enrolmentRequired: p.mfa?.enrolmentRequired ?? false,
      totp: !!totp?.confirmedAt,
      passkeys: passkeys.map((k) => ({ id: k.id, name: k.name, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null })),
      recoveryCodesLeft: left,
      stepUpUntil: this.stepUpPolicy.until(p)?.toISOString() ?? null,
    };
  }

  /** A new TOTP secret, answered once (a secret not confirmed yet is replaced); 409 when one is on. */
  async startTotp(p: Principal): Promise<TotpEnrolmentDto> {
    const secret = newTotpSecret();
    if (!(await this.repo.proposeTotp(p.userId, this.box.seal(secret, p.userId), this.clock.now()))) {
      throw new AppException('CONFLICT', 'A TOTP app is already enrolled; an administrator can reset your second factor');
    }
    return { secret, uri: totpUri(secret, p.email) };
  }

  /**
   * Turns the TOTP secret on with a code from the app (within the login limits). The first
   * factor of the user also gives ten recovery codes, answered once, and steps the session up.
   */
  async confirmTotp(p: Principal, code: string, context: LoginContext): Promise<RecoveryCodesDto> {
    const row = await this.repo.totp(p.userId);
    if (!row || row.confirmedAt) {
      throw AppException.rule(row ? 'The TOTP app is already on' : 'Start with POST /me/mfa/totp', [{ field: 'code', message: 'no TOTP enrolment under way' }]);
    }
    const now = this.clock.now();
    const reservation = await this.limiter.reserve(p.email, context.client);
    let step: number | null;
    try {
      step = await totpStep(this.box.open(row.secretSealed, p.userId), code.trim(), now, row.lastStep);
    } catch (error) {
      await this.limiter.released(reservation);
      throw error;
    }
    const wrong = () => AppException.rule('The code is wrong; type the one the app shows now', [{ field: 'code', message: 'is not the current code' }]);
    if (step === null) throw wrong();
    const codes = await this.tx.run(async (m) => {
      if (!(await this.repo.useTotpStep(m, p.userId, step, now))) return null;
      return this.enrolled(m, p.userId, now);
    });
    if (codes === null) throw wrong();
    await this.limiter.succeeded(reservation);
    await this.afterEnrolment(p, now);
    return { recoveryCodes: codes };
  }

  /** Options to register a passkey (for the caller's browser). */
  async passkeyOptions(p: Principal, site: WebAuthnSite) {
    const user = await this.users.findById(p.userId);
    if (!user) throw new AppException('UNAUTHENTICATED', 'This account no longer exists');
    return this.passkeys.registrationOptions(user, site);
  }

  /** Stores a verified passkey; the user's first factor also gives the recovery codes (answered once). */
  async addPasskey(p: Principal, response: Record<string, unknown>, name: string | undefined, site: WebAuthnSite): Promise<RecoveryCodesDto> {
    const now = this.clock.now();
    const codes = await this.tx.run(async (m) => {
      await this.passkeys.register(m, p.userId, response, name, site);
      return this.enrolled(m, p.userId, now);
    });
    await this.afterEnrolment(p, now);
    return { recoveryCodes: codes };
  }

  /**
   * Checks a factor (a TOTP code, a recovery code or a passkey's assertion) within the login
   * limits of the owner's account and the client: answers whether it is right, and used up
   * (a code's time step, a recovery code, a challenge: each accepted once).
   */
  async prove(owner: FactorOwner, proof: MfaProofDto, context: LoginContext, site: WebAuthnSite): Promise<boolean> {
    if ((proof.code === undefined) === (proof.assertion === undefined)) {
      throw AppException.validation([{ field: 'code', message: 'send either code or assertion' }]);
    }
    const reservation = await this.limiter.reserve(owner.email, context.client);
    let ok: boolean;
    try {
      ok = proof.code !== undefined ? await this.checkCode(owner.id, proof.code.trim()) : await this.passkeys.verifyAssertion(owner.id, proof.assertion ?? {}, site);
    } catch (error) {
      await this.limiter.released(reservation);
      throw error;
    }
    if (ok) await this.limiter.succeeded(reservation);
    return ok;
  }

  /** Options to sign in or step up with a passkey. */
  passkeyAssertionOptions(userId: string, site: WebAuthnSite) {
    return this.passkeys.authenticationOptions(userId, site);
  }

  /** The caller gave their factor again (POST /auth/step-up): their session is stepped up from now. */
  async stepUp(p: Principal, proof: MfaProofDto, context: LoginContext, site: WebAuthnSite): Promise<MfaStatusDto> {
    if (!p.mfa?.enrolled) throw AppException.rule('You have no second factor to give; enrol one first (POST /me/mfa/totp)', [{ field: 'code', message: 'no factor enrolled' }]);
    if (!(await this.prove({ id: p.userId, email: p.email }, proof, context, site))) {
      throw new AppException('FORBIDDEN', 'The code or passkey is wrong', [{ field: proof.code !== undefined ? 'code' : 'assertion', message: 'is not accepted' }]);
    }
    const now = this.clock.now();
    await this.markSession(p, now);
    return this.status({ ...p, mfa: { ...p.mfa, verifiedAt: now } });
  }

  private async checkCode(userId: string, code: string): Promise<boolean> {
    const now = this.clock.now();
    if (isTotpCode(code)) {
      const row = await this.repo.totp(userId);
      if (!row?.confirmedAt) return false;
      const step = await totpStep(this.box.open(row.secretSealed, userId), code, now, row.lastStep);
      return step !== null && (await this.repo.useTotpStep(undefined, userId, step, null));
    }
    const hash = hashRecoveryCode(code);
    return hash !== null && (await this.repo.useRecoveryCode(userId, hash, now));
  }

  /** Marks the user enrolled; for their first factor, new recovery codes (answered once), else none. */
  private async enrolled(m: Parameters<MfaRepository['markEnrolled']>[0], userId: string, now: Date): Promise<string[]> {
    if (!(await this.repo.markEnrolled(m, userId, now))) return [];
    const codes = newRecoveryCodes();
    await this.repo.replaceRecoveryCodes(m, userId, codes.map((c) => hashRecoveryCode(c) as string), now);
    return codes;
  }

  /** After an enrolment: the session is stepped up, and every replica forgets the user's sessions' state (enrolled now). */
  private async afterEnrolment(p: Principal, now: Date): Promise<void> {
    if (p.sessionId) await this.repo.stepUp(p.sessionId, now);
    await this.sessionCache.invalidateUser(p.userId);
  }

  private async markSession(p: Principal, now: Date): Promise<void> {
    if (!p.sessionId) return;
    await this.repo.stepUp(p.sessionId, now);
    await this.sessionCache.invalidateSession(p.sessionId);
  }
}
