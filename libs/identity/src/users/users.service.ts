import { Injectable } from '@nestjs/common';
import { AppException, decodeCursor, pgErrorCode, PG, toPage } from '@mla/core';
import { AuthoritiesRepository } from '../authorities/authorities.repository';
import { AuthorityKind } from '../authorities/authority.row';
import { hashPassword } from '../auth/password';
import type { Role } from '../principal';
import { CreateUserDto, ListUsersQueryDto, UserDto, UserListDto } from './user.dto';
import type { UserRow } from './user.row';
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
  ) {}

  async create(dto: CreateUserDto): Promise<UserDto> {
    if (dto.role === 'ADMIN') {
      if (dto.authorityId) throw AppException.rule('An ADMIN belongs to no authority', [{ field: 'authorityId', message: 'must be absent for ADMIN' }]);
    } else {
      if (!dto.authorityId) {
        throw new AppException('REQUEST_INCOMPLETE', `A ${dto.role} belongs to an authority`, [{ field: 'authorityId', message: 'is required' }]);
      }
      const authority = await this.authorities.findById(dto.authorityId);
      if (!authority) throw AppException.rule('No such authority', [{ field: 'authorityId', message: 'names no authority' }]);
      const kinds = ROLE_AUTHORITY_KINDS[dto.role];
      if (!kinds.includes(authority.kind)) {
        throw AppException.rule(`A ${dto.role} belongs to a ${kinds.join(' or ')}, not a ${authority.kind}`, [
          { field: 'authorityId', message: `must be a ${kinds.join(' or ')}` },
        ]);
      }
    }
    try {
      const saved = await this.users.insert({
        email: dto.email.toLowerCase(),
        displayName: dto.displayName,
        role: dto.role,
        authorityId: dto.authorityId ?? null,
        passwordHash: await hashPassword(dto.password),
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
}
