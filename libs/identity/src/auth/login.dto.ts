import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** The user's e-mail address. */
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class LoginResponseDto {
  /** The bearer token to send as `Authorization: Bearer <token>`. */
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
  user: MeDto;
}

export class MeDto {
  id: string;
  email: string;
  displayName: string;
  role: string;
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
