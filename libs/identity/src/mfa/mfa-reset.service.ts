import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@mla/audit';
import { AppException, Clock, TransactionRunner } from '@mla/core';
import type { OutboxMessage } from '@mla/outbox';
import { auditEntry, userSnapshot } from '../audit/admin-audit';
import { AuthoritiesRepository } from '../authorities/authorities.repository';
import type { Principal } from '../principal';
import { SessionCache } from '../sessions/session-cache';
import { SessionsRepository } from '../sessions/sessions.repository';
import { UsersRepository } from '../users/users.repository';
import { MfaRepository } from './mfa.repository';

/** The notification a country's supervisors receive when an ADMIN resets a user's second factor. */
export const USER_MFA_RESET = 'audit.user_mfa_reset';

/**
 * An ADMIN resets a user's second factor (DESIGN §2, §16): one transaction removes the
 * TOTP secret, the passkeys and the recovery codes, ends every session of the user, writes
 * the admin audit (`user.updated`, changes `["secondFactor"]`) and tells the supervisors of
 * the user's country (every country's, for an ADMIN) through the outbox. The user enrols
 * again at their next sign-in.
 */
@Injectable()
export class MfaResetService {
  constructor(
    private readonly repo: MfaRepository,
    private readonly users: UsersRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly sessions: SessionsRepository,
    private readonly sessionCache: SessionCache,
    private readonly audit: AuditRepository,
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
      const authority = user.authorityId ? await this.authorities.findById(user.authorityId, m) : null;
      const snapshot = userSnapshot(user, authority);
      const countries = user.role === 'ADMIN' ? await this.repo.countries(m) : [authority?.country];
      const entry = auditEntry(admin, {
        action: 'user.updated',
        targetType: 'USER',
        targetId: user.id,
        changes: ['secondFactor'],
        before: { ...snapshot, secondFactor: true },
        after: { ...snapshot, secondFactor: false },
        countries,
      });
      const supervisors = await this.users.supervisorsOf(countries.filter((c): c is string => typeof c === 'string'), m);
      const payload = {
        type: USER_MFA_RESET,
        occurredAt: now.toISOString(),
        request: null,
        data: { auditId: entry.id, action: entry.action, userId: user.id, email: user.email, displayName: user.displayName, role: user.role, authorityCode: authority?.code ?? null, country: authority?.country ?? null, by: admin.email },
      };
      const notices: OutboxMessage[] = supervisors
        .filter((s) => s.id !== user.id)
        .map((s) => ({ type: USER_MFA_RESET, requestId: null, eventSeq: null, recipientAuthorityId: s.authorityId, recipientUserId: s.id, payload }));
      await this.audit.record(m, entry, notices, now);
    });
    await this.sessionCache.invalidateUser(userId);
  }
}
