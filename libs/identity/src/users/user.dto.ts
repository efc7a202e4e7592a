import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull, IsSafeName, PageQueryDto } from '@mla/core';
import { ROLES, type Role } from '../principal';
import { ROLE_AUTHORITY_KINDS } from './role-authority-kinds';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UserDto {
  id: string;
  email: string;
  displayName: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  /** null for ADMIN. */
  authorityId: string | null;
  active: boolean;
  /** Whether the user has a second factor (an ADMIN may reset it: DELETE /users/{id}/mfa). */
  mfaEnrolled: boolean;
  createdAt: string;
}

export class CreateUserDto {
  @Transform(trim)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsSafeName()
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  /** Required for every role but ADMIN (absent or null for ADMIN); of a kind the role may belong to (`x-role-authority-kinds`). */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', 'x-role-authority-kinds': ROLE_AUTHORITY_KINDS } as ApiPropertyOptions)
  @IsOptional()
  @IsUUID()
  authorityId?: string | null;

  /** At least 12 characters; stored as an argon2id hash, never answered. */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
}

/**
 * An ADMIN's change of a user: any subset of the fields (at least one). Each accepted change
 * ends every session of the user at once.
 */
export class UpdateUserDto {
  /** false deactivates the user (who can no longer sign in), true reactivates them. */
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;

  /** A new role; the authority must suit it, as at creation (ADMIN: none). */
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  /** A new authority, of a kind the role may belong to; null for ADMIN (changing the role to ADMIN clears it). */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  authorityId?: string | null;

  /** A new password for the user (a reset): at least 12 characters, stored as an argon2id hash, never answered. */
  @IsOptionalNotNull()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  authorityId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

}

export class UserListDto {
  @ApiProperty({ type: [UserDto] })
  items: UserDto[];
  nextCursor: string | null;
}
