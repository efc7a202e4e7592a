import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull } from '@mla/core';
import { SESSION_TRANSPORTS, type SessionTransport } from '../sessions/session.row';

export class LoginDto {
  /** The user's e-mail address. */
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  /**
   * How the session is carried: `bearer` (default: the answer holds `accessToken`) or
   * `cookie` (the web console: an HttpOnly, SameSite=Strict cookie, and no token in the
   * answer; the request needs the console's Origin).
   */
  @ApiPropertyOptional({ enum: SESSION_TRANSPORTS, default: 'bearer' })
  @IsOptionalNotNull()
  @IsIn(SESSION_TRANSPORTS)
  session?: SessionTransport;

  /**
   * The device token an earlier sign-in to this account answered (`deviceToken`; the console
   * carries it in an HttpOnly cookie instead): this client then meets only its own limit of
   * wrong passwords, never the account's lockout.
   */
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  deviceToken?: string;
}

export class LoginResponseDto {
  /** The bearer token to send as `Authorization: Bearer <token>` (absent for a cookie session). */
  @ApiPropertyOptional({ type: String })
  accessToken?: string;
  /** A bearer session: this client's device token for its next sign-ins (`deviceToken` in the login body). */
  @ApiPropertyOptional({ type: String })
  deviceToken?: string;
  /** `Bearer`, or `Cookie` when the session rides on the console's cookie. */
  @ApiProperty({ enum: ['Bearer', 'Cookie'] })
  tokenType: 'Bearer' | 'Cookie';
  /** Seconds until the session expires. */
  expiresIn: number;
  /** When the session expires (ISO 8601). */
  expiresAt: string;
  user: MeDto;
}

export class ChangePasswordDto {
  /** The password the user signs in with now. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  /** At least 12 characters, not the current one. Every other session of the user ends. */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword: string;
}

export class MeDto {
  id: string;
  email: string;
  displayName: string;
  role: string;
  /** Whether a second factor is on. */
  mfaEnrolled: boolean;
  /** The role needs a second factor and the user has none: enrol one first (the session serves nothing else). */
  mfaEnrolmentRequired: boolean;
  /** null for ADMIN. */
  authority: MeAuthorityDto | null;
}

export class MeAuthorityDto {
  id: string;
  code: string;
  name: string;
  country: string;
  kind: string;
  timezone: string;
  language: string;
}
