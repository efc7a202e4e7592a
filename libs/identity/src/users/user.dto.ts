import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '@mla/core';
import { ROLES, type Role } from '../principal';

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
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  /** Required for every role but ADMIN. */
  @IsOptional()
  @IsUUID()
  authorityId?: string;

  /** At least 12 characters; stored as an argon2id hash, never answered. */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
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
