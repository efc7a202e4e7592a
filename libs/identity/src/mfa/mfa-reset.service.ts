import { Injectable } from '@nestjs/common';
import { AppException, Clock, TransactionRunner } from '@mla/core';
import { AccountAudit } from '../audit/account-audit.service';
import type { Principal } from '../principal';
import { SessionCache } from '../sessions/session-cache';
import { SessionsRepository } from '../sessions/sessions.repository';
import { UsersRepository } from '../users/users.repository';
import { MfaRepository } from './mfa.repository';

/**
 * An ADMIN resets a user's second factor (DESIGN §2, §16): one transaction removes the
 * TOTP secret, the passkeys and the recovery codes, ends every session of the user, and
 * writes, through AccountAudit as every other account change, the admin audit
 * (`user.updated`, changes `["secondFactor"]`) and the notice `audit.second_factor_reset`
 * to the supervisors of the user's country (every country's, for an ADMIN). The user
 * enrols again at their next sign-in.
 */
@Injectable()
export class MfaResetService {
  constructor(
    private readonly repo: MfaRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly sessionCache: SessionCache,
    private readonly accountAudit: AccountAudit,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async reset(admin: Principal, userId: string): Promise<void> {
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const user = await this.users.lockWithHash(m, userId);
      if (!user) throw AppException.notFound('User');
      if (!(await this.repo.enrolled(m, userId))) {
        throw AppException.rule('This user has no second factor to reset', [{ field: 'id', message: 'has no second factor' }]);
      }
      await this.repo.removeAll(m, userId);
      await this.sessions.endAllOfUser(m, userId, now, 'mfa_reset');
      await this.accountAudit.notifySupervisorsOfAccountChange(m, admin, user, { secondFactor: true }, now);
    });
    await this.sessionCache.invalidateUser(userId);
  }
}
