import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, Clock } from '@mla/core';
import type { Principal } from '../principal';

/**
 * Step-up (DESIGN §16): for a user with a second factor, the actions that need one (send,
 * deliver_evidence, recording a counterpart's act, ADMIN changes) are taken only within
 * MFA_STEP_UP_SECONDS of the factor given on this session (at sign-in or by POST
 * /auth/step-up); otherwise 403 STEP_UP_REQUIRED. A user without a factor is not asked (a
 * role that must have one cannot act before enrolling).
 */
@Injectable()
export class StepUp {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Until when the caller's session is stepped up, or null. */
  until(p: Principal): Date | null {
    const at = p.mfa?.verifiedAt;
    if (!at) return null;
    const until = new Date(new Date(at).getTime() + this.config.MFA_STEP_UP_SECONDS * 1000);
    return until.getTime() > this.clock.now().getTime() ? until : null;
  }

  /** Throws 403 STEP_UP_REQUIRED when the caller has a factor and did not give it recently on this session. */
  assert(p: Principal, what = 'This action'): void {
    if (!p.mfa?.enrolled || this.until(p)) return;
    throw new AppException(
      'STEP_UP_REQUIRED',
      `${what} needs your second factor given within the last ${Math.round(this.config.MFA_STEP_UP_SECONDS / 60)} minutes: POST /api/v1/auth/step-up with a code or a passkey, then retry`,
    );
  }
}
