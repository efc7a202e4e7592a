import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppException, Clock, decodeCursor, FieldError, pgErrorCode, PG, toPage, TransactionRunner } from '@mla/core';
import type { OutboxMessage } from '@mla/outbox';
import { AccountAudit } from '../audit/account-audit.service';
import { AuthoritiesRepository } from '../authorities/authorities.repository';
import { AuthorityRow } from '../authorities/authority.row';
import { hashPassword } from '../auth/password';
import type { Principal, Role } from '../principal';
import { SessionCache } from '../sessions/session-cache';
import type { SessionEndReason } from '../sessions/session.row';
import { SessionsRepository } from '../sessions/sessions.repository';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserListDto } from './user.dto';
import type { UserChanges, UserRow } from './user.row';
import { UsersRepository } from './users.repository';
import { ROLE_AUTHORITY_KINDS } from './role-authority-kinds';


export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    authorityId: u.authorityId,
    active: u.active,
    mfaEnrolled: u.mfaEnrolledAt !== null && u.mfaEnrolledAt !== undefined,
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
    private readonly accountAudit: AccountAudit,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * An ADMIN creates a user. One transaction writes the user, its audit row and the
   * notifications of the supervisors concerned (DESIGN §2: their country's for a user who
   * sees requests, every country's for an ADMIN).
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
        await this.accountAudit.record(m, admin, null, user, {}, now);
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
   * password), the notifications of the supervisors concerned (a user who sees requests
   * reactivated, given a role, moved into an authority or whose password was reset: their
   * country's; an ADMIN reactivated or made one: every country's; see AccountAudit),
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
      await this.accountAudit.record(m, admin, user, updated, { password: passwordHash !== undefined }, now);
      return { user: updated, changed: true };
    });
    if (result.changed) await this.sessionCache.invalidateUser(id);
    return toUserDto(result.user);
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
    if (authority.reach !== 'LOCAL') {
      // DESIGN §14-15: an OFFLINE authority works on no MLA Hub, a PEER one on its own node; none signs in here.
      const where = authority.reach === 'PEER' ? 'works on its own MLA Hub node' : 'works on no MLA Hub';
      throw AppException.rule(`${authority.code} ${where}: its people do not sign in on this node`, [{ field: 'authorityId', message: 'must be an authority of this node (LOCAL)' }]);
    }
    const kinds = ROLE_AUTHORITY_KINDS[role];
    if (!kinds.includes(authority.kind)) {
      const errors: FieldError[] = [{ field: 'authorityId', message: `must be a ${kinds.join(' or ')}` }];
      throw AppException.rule(`A ${role} belongs to a ${kinds.join(' or ')}, not a ${authority.kind}`, errors);
    }
  }
}
