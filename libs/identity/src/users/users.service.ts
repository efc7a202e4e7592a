import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from '@mla/audit';
import { AppException, Clock, decodeCursor, FieldError, pgErrorCode, PG, toPage, TransactionRunner } from '@mla/core';
import type { OutboxMessage } from '@mla/outbox';
import { auditEntry, changedKeys, isWatchedRole, userAssignedMessages, userSnapshot } from '../audit/admin-audit';
import { AuthoritiesRepository } from '../authorities/authorities.repository';
import { AuthorityKind, AuthorityRow } from '../authorities/authority.row';
import { hashPassword } from '../auth/password';
import type { Principal, Role } from '../principal';
import { SessionCache } from '../sessions/session-cache';
import type { SessionEndReason } from '../sessions/session.row';
import { SessionsRepository } from '../sessions/sessions.repository';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserListDto } from './user.dto';
import type { UserChanges, UserRow } from './user.row';
import { UsersRepository } from './users.repository';

/** Which kinds of authority each role may belong to (DESIGN §2). */
const ROLE_AUTHORITY_KINDS: Record<Exclude<Role, 'ADMIN'>, AuthorityKind[]> = {
  PROSECUTOR: ['PROSECUTION_OFFICE'],
  OFFICER: ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'],
  SUPERVISOR: ['PROSECUTION_OFFICE', 'CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'],
};

export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    authorityId: u.authorityId,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly sessions: SessionsRepository,
    private readonly sessionCache: SessionCache,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * An ADMIN creates a user. One transaction writes the user, its audit row and, for an
   * OFFICER or SUPERVISOR, the notifications of their country's supervisors (DESIGN §2).
   */
  async create(admin: Principal, dto: CreateUserDto): Promise<UserDto> {
    await this.assertRoleFits(dto.role, dto.authorityId ?? null);
    const passwordHash = await hashPassword(dto.password);
    const now = this.clock.now();
    try {
      const saved = await this.tx.run(async (m) => {
        const user = await this.users.insert(m, {
          email: dto.email.toLowerCase(),
          displayName: dto.displayName,
          role: dto.role,
          authorityId: dto.authorityId ?? null,
          passwordHash,
        });
        const authority = user.authorityId ? await this.authorities.findById(user.authorityId, m) : null;
        const after = userSnapshot(user, authority);
        const entry = auditEntry(admin, {
          action: 'user.created',
          targetType: 'USER',
          targetId: user.id,
          changes: [...Object.keys(after).filter((k) => after[k] !== null), 'password'],
          before: null,
          after,
          countries: [authority?.country],
        });
        const notices = authority && isWatchedRole(user) ? await this.assignmentNotices(m, entry, user, authority, now) : [];
        await this.audit.record(m, entry, notices, now);
        return user;
      });
      return toUserDto(saved);
    } catch (error) {
      if (pgErrorCode(error) === PG.UNIQUE_VIOLATION) {
        throw new AppException('CONFLICT', `A user with e-mail ${dto.email} already exists`, [{ field: 'email', message: 'is taken' }]);
      }
      throw error;
    }
  }

  async list(query: ListUsersQueryDto): Promise<UserListDto> {
    const limit = query.limit ?? 50;
    return toPage(await this.users.page(query, decodeCursor(query.cursor), limit + 1), limit, toUserDto);
  }

  /**
   * An ADMIN deactivates, reactivates, changes the role or the authority of a user, or
   * resets their password. One transaction writes the change, its audit row (never the
   * password), the notifications of the country's supervisors when an OFFICER or SUPERVISOR
   * is moved into one of its authorities (a role or authority change, or a reactivation),
   * and ends every session of the user; then every API replica forgets them (the next call
   * with an old token answers 401).
   * An administrator cannot deactivate themselves or give up their own ADMIN role, and the
   * last active ADMIN stays one.
   */
  async update(admin: Principal, id: string, dto: UpdateUserDto): Promise<UserDto> {
    if (dto.active === undefined && dto.role === undefined && dto.authorityId === undefined && dto.password === undefined) {
      throw AppException.validation([{ field: 'body', message: 'send at least one of active, role, authorityId, password' }]);
    }
    const passwordHash = dto.password === undefined ? undefined : await hashPassword(dto.password);
    const now = this.clock.now();
    const result = await this.tx.run(async (m) => {
      // Active ADMINs first, in id order, then the user: concurrent changes lock in one order.
      const admins = dto.active !== undefined || dto.role !== undefined ? await this.users.lockActiveAdmins(m) : null;
      const user = await this.users.lockWithHash(m, id);
      if (!user) throw AppException.notFound('User');
      const role = dto.role ?? user.role;
      const authorityId = dto.authorityId !== undefined ? dto.authorityId : role === 'ADMIN' && dto.role === 'ADMIN' ? null : user.authorityId;
      await this.assertRoleFits(role, authorityId);
      const active = dto.active ?? user.active;
      if (user.id === admin.userId && (!active || role !== 'ADMIN')) {
        throw AppException.rule('An administrator cannot deactivate themselves or give up their own ADMIN role; another administrator can', [
          { field: active ? 'role' : 'active', message: 'cannot be changed on your own account' },
        ]);
      }
      if (admins && user.role === 'ADMIN' && user.active && (!active || role !== 'ADMIN') && admins.every((a) => a === user.id)) {
        throw AppException.rule('This is the last active ADMIN', [{ field: active ? 'role' : 'active', message: 'the last active ADMIN stays one' }]);
      }
      const changes: UserChanges = {};
      const reasons: SessionEndReason[] = [];
      if (active !== user.active) {
        changes.active = active;
        reasons.push(active ? 'reactivated' : 'deactivated');
      }
      if (role !== user.role) {
        changes.role = role;
        reasons.push('role_changed');
      }
      if (authorityId !== user.authorityId) {
        changes.authorityId = authorityId;
        reasons.push('authority_changed');
      }
      if (passwordHash !== undefined) {
        changes.passwordHash = passwordHash;
        reasons.push('password_reset');
      }
      if (reasons.length === 0) return { user, changed: false };
      const updated = (await this.users.update(m, id, changes, now)) as UserRow;
      await this.sessions.endAllOfUser(m, id, now, reasons[0] as SessionEndReason);
      await this.auditUpdate(m, admin, user, updated, passwordHash !== undefined, now);
      return { user: updated, changed: true };
    });
    if (result.changed) await this.sessionCache.invalidateUser(id);
    return toUserDto(result.user);
  }

  /** The audit row of a user's change, and the supervisors' notifications when they were moved into an authority as OFFICER or SUPERVISOR. */
  private async auditUpdate(m: EntityManager, admin: Principal, before: UserRow, after: UserRow, passwordReset: boolean, now: Date): Promise<void> {
    const ids = [...new Set([before.authorityId, after.authorityId].filter((a): a is string => a !== null))];
    const byId = new Map((await this.authorities.findByIds(ids, m)).map((a) => [a.id, a]));
    const oldAuthority = before.authorityId ? (byId.get(before.authorityId) ?? null) : null;
    const newAuthority = after.authorityId ? (byId.get(after.authorityId) ?? null) : null;
    const [was, is] = [userSnapshot(before, oldAuthority), userSnapshot(after, newAuthority)];
    const entry = auditEntry(admin, {
      action: 'user.updated',
      targetType: 'USER',
      targetId: after.id,
      // authorityCode and country follow authorityId: the fields an admin sets, and the password when reset.
      changes: [...changedKeys(was, is).filter((k) => k !== 'authorityCode' && k !== 'country'), ...(passwordReset ? ['password'] : [])],
      before: was,
      after: is,
      countries: [oldAuthority?.country, newAuthority?.country],
    });
    const movedIn = before.role !== after.role || before.authorityId !== after.authorityId || (!before.active && after.active);
    const notices = newAuthority && isWatchedRole(after) && movedIn ? await this.assignmentNotices(m, entry, after, newAuthority, now) : [];
    await this.audit.record(m, entry, notices, now);
  }

  /** The outbox rows telling the active supervisors of the authority's country that `user` now serves there. */
  private async assignmentNotices(m: EntityManager, entry: ReturnType<typeof auditEntry>, user: UserRow, authority: AuthorityRow, now: Date): Promise<OutboxMessage[]> {
    const supervisors = await this.users.supervisorsOf([authority.country], m);
    return userAssignedMessages(entry, user, authority, supervisors, now);
  }

  /** The rules of creation (DESIGN §2): an ADMIN has no authority; every other role one of the kinds it may belong to. */
  private async assertRoleFits(role: Role, authorityId: string | null): Promise<void> {
    if (role === 'ADMIN') {
      if (authorityId) throw AppException.rule('An ADMIN belongs to no authority', [{ field: 'authorityId', message: 'must be absent for ADMIN' }]);
      return;
    }
    if (!authorityId) {
      throw new AppException('REQUEST_INCOMPLETE', `A ${role} belongs to an authority`, [{ field: 'authorityId', message: 'is required' }]);
    }
    const authority = await this.authorities.findById(authorityId);
    if (!authority) throw AppException.rule('No such authority', [{ field: 'authorityId', message: 'names no authority' }]);
    const kinds = ROLE_AUTHORITY_KINDS[role];
    if (!kinds.includes(authority.kind)) {
      const errors: FieldError[] = [{ field: 'authorityId', message: `must be a ${kinds.join(' or ')}` }];
      throw AppException.rule(`A ${role} belongs to a ${kinds.join(' or ')}, not a ${authority.kind}`, errors);
    }
  }
}
