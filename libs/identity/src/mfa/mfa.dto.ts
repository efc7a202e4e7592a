import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull } from '@mla/core';
import { SESSION_TRANSPORTS, type SessionTransport } from '../sessions/session.row';

/** A six-digit TOTP code or a recovery code (16 letters and digits, dashes allowed). */
const CODE = /^\s*(\d{6}|[A-Za-z2-7]{4}([\s-]?[A-Za-z2-7]{4}){3})\s*$/;

/** A second factor given: a code (TOTP or recovery), or a WebAuthn assertion from a passkey. Exactly one. */
export class MfaProofDto {
  /** The six-digit code of the authenticator app, or one of the recovery codes (each works once). */
  @ApiPropertyOptional({ example: '123456' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CODE, { message: 'code must be six digits or a recovery code' })
  code?: string;

  /** A WebAuthn assertion (the JSON `startAuthentication` of @simplewebauthn/browser answers), for the options asked just before. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptionalNotNull()
  @IsObject()
  assertion?: Record<string, unknown>;
}

export class MfaLoginDto extends MfaProofDto {
  /** The `challengeToken` the login answered (valid five minutes). */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  challengeToken: string;
}

export class MfaChallengeDto {
  /** Always true: a second factor is needed before a session is opened. */
  @ApiProperty({ enum: [true] })
  mfaRequired: true;
  /** Send it back with the code or the passkey's assertion (POST /auth/mfa); valid five minutes. */
  challengeToken: string;
  /** The factors the user has: `totp`, `passkey`, `recovery`. */
  @ApiProperty({ type: [String], enum: ['totp', 'passkey', 'recovery'] })
  methods: ('totp' | 'passkey' | 'recovery')[];
  /** How the session will be carried once the factor is given (as the login asked). */
  @ApiProperty({ enum: SESSION_TRANSPORTS })
  session: SessionTransport;
}

export class PasskeyLoginOptionsDto {
  /** The `challengeToken` the login answered. */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  challengeToken: string;
}

export class TotpEnrolmentDto {
  /** The secret (base32), shown once: type it into the authenticator app, or scan the URI's QR code. */
  secret: string;
  /** The `otpauth://totp/...` URI (SHA-1, 6 digits, 30 s) to render as a QR code. */
  uri: string;
}

export class TotpConfirmDto {
  /** The six-digit code the app shows now. */
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'code must be six digits' })
  code: string;
}

export class RecoveryCodesDto {
  /** Ten codes, each usable once in place of a code; shown only now (empty when the user had a factor already). */
  @ApiProperty({ type: [String] })
  recoveryCodes: string[];
}

export class PasskeyRegistrationDto {
  /** The JSON `startRegistration` of @simplewebauthn/browser answers, for the options asked just before. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  response: Record<string, unknown>;

  /** A name to tell passkeys apart (e.g. "Office laptop"). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[^\p{Cc}\p{Cf}]+$/u, { message: 'name must not contain control or format characters' })
  name?: string;
}

export class PasskeyDto {
  id: string;
  name: string;
  createdAt: string;
  @ApiProperty({ type: String, nullable: true })
  lastUsedAt: string | null;
}

export class MfaStatusDto {
  /** Whether a second factor is on. */
  enrolled: boolean;
  /** Whether the user's role must have one and they have none yet (the session serves only enrolment). */
  enrolmentRequired: boolean;
  /** Whether a TOTP app is enrolled. */
  totp: boolean;
  @ApiProperty({ type: [PasskeyDto] })
  passkeys: PasskeyDto[];
  /** Recovery codes not used yet. */
  recoveryCodesLeft: number;
  /** Until when this session may take the actions that need a recent factor (null: give it again first). */
  @ApiProperty({ type: String, nullable: true })
  stepUpUntil: string | null;
}

export class MfaResetDto {
  /** Always true once the user's factors are gone (they enrol again at their next sign-in). */
  @ApiProperty({ enum: [true] })
  reset: true;
}

