import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntry, AuditRepository } from '@mla/audit';
import { AuthoritiesRepository } from '../authorities/authorities.repository';
import type { Principal } from '../principal';
import type { UserRow } from '../users/user.row';
import { UsersRepository } from '../users/users.repository';
import { accountChangeMessages, accountChangeOf, auditEntry, changedKeys, CredentialResets, userSnapshot } from './admin-audit';

/**
 * The audit of an ADMIN's change of a user and the notices it owes the supervisors
 * (DESIGN §2), written in the caller's transaction, with the change itself: the audit row
 * (never a password or its hash) and, when the change opens a way to content, one outbox
 * row per supervisor concerned (the user's country's; every country's for an ADMIN, whose
 * row then names every country so that each country's audit shows it).
 */
@Injectable()
export class AccountAudit {
  constructor(
    private readonly users: UsersRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** A user created (`before` null) or changed by `admin`; `resets` names what was reset that the row does not show. */
  async record(m: EntityManager, admin: Principal, before: UserRow | null, after: UserRow, resets: CredentialResets, now: Date): Promise<AuditEntry> {
    const ids = [...new Set([before?.authorityId ?? null, after.authorityId].filter((a): a is string => a !== null))];
    const byId = new Map((await this.authorities.findByIds(ids, m)).map((a) => [a.id, a]));
    const oldAuthority = before?.authorityId ? (byId.get(before.authorityId) ?? null) : null;
    const newAuthority = after.authorityId ? (byId.get(after.authorityId) ?? null) : null;
    // A second factor reset leaves no trace in the row: the snapshots say it (it was on, it is off).
    const factor = resets.secondFactor ? { secondFactor: false } : {};
    const is: Record<string, unknown> = { ...userSnapshot(after, newAuthority), ...factor };
    const was = before ? { ...userSnapshot(before, oldAuthority), ...(resets.secondFactor ? { secondFactor: true } : {}) } : null;
    const change = accountChangeOf(before, after, resets);
    const everyCountry = change !== null && after.role === 'ADMIN' ? await this.authorities.countries(m) : [];
    const reset = [...(resets.password ? ['password'] : []), ...(resets.secondFactor ? ['secondFactor'] : [])];
    const entry = auditEntry(admin, {
      action: was ? 'user.updated' : 'user.created',
      targetType: 'USER',
      targetId: after.id,
      // At creation every field set; later the fields an admin sets (authorityCode and country follow authorityId).
      changes: was ? [...changedKeys(was, is).filter((k) => k !== 'authorityCode' && k !== 'country' && k !== 'secondFactor'), ...reset] : [...Object.keys(is).filter((k) => is[k] !== null), 'password', ...reset.filter((k) => k !== 'password')],
      before: was,
      after: is,
      countries: [oldAuthority?.country, newAuthority?.country, ...everyCountry],
    });
    const told = everyCountry.length > 0 ? everyCountry : newAuthority ? [newAuthority.country] : [];
    const notices = change && told.length > 0 ? accountChangeMessages(change, entry, after, newAuthority, await this.users.supervisorsOf(told, m), now) : [];
    await this.audit.record(m, entry, notices, now);
    return entry;
  }

  /**
   * For a reset made outside PATCH /users (the second factor, DESIGN §16, MfaResetService):
   * the audit row of the reset and the notice `audit.second_factor_reset` to the supervisors
   * of the user's country (every country's for an ADMIN), in the caller's transaction (`m`),
   * which also makes the reset itself.
   */
  notifySupervisorsOfAccountChange(m: EntityManager, admin: Principal, user: UserRow, resets: CredentialResets, now: Date): Promise<AuditEntry> {
    return this.record(m, admin, user, user, resets, now);
  }
}
