import '@fastify/cookie';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, clientKey, Clock, Public } from '@mla/core';
import { CurrentUser, DuringEnrolment, Roles, StepUpRequired } from '../auth/auth.decorators';
import type { LoginContext } from '../auth/auth.service';
import { Authenticator } from '../auth/authenticator';
import { LoginResponseDto } from '../auth/login.dto';
import { setSignInCookies } from '../auth/session-cookie';
import type { Principal } from '../principal';
import { MfaLoginService } from './mfa-login.service';
import { MfaResetService } from './mfa-reset.service';
import {
  MfaLoginDto,
  MfaProofDto,
  MfaResetDto,
  MfaStatusDto,
  PasskeyLoginOptionsDto,
  PasskeyRegistrationDto,
  RecoveryCodesDto,
  TotpConfirmDto,
  TotpEnrolmentDto,
} from './mfa.dto';
import { MfaService } from './mfa.service';
import { webAuthnSiteOf } from './webauthn-site';

function contextOf(request: FastifyRequest): LoginContext {
  const agent = request.headers['user-agent'];
  return { client: clientKey(request), userAgent: typeof agent === 'string' ? agent : null };
}

/** WebAuthn options as @simplewebauthn/browser takes them (`optionsJSON`). */
const WEBAUTHN_OPTIONS = { schema: { type: 'object', additionalProperties: true } } as const;

/** The second factor (DESIGN §16): the sign-in's second step, step-up, enrolment and the ADMIN's reset. */
@ApiTags('auth')
@Controller()
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly login: MfaLoginService,
    private readonly resets: MfaResetService,
    private readonly authenticator: Authenticator,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Completes a sign-in that answered `mfaRequired`: the challenge token and a code (TOTP or
   * recovery) or a passkey's assertion open the session exactly as a one-step login does
   * (bearer token, or the console's cookie). Wrong codes count in the login limits.
   */
  @Public()
  @Post('auth/mfa')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: the challenge expired, or the code or passkey is wrong' })
  @ApiForbiddenResponse({ description: 'A cookie session asked from another Origin (FORBIDDEN)' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords or codes (RATE_LIMITED, Retry-After)' })
  async complete(@Body() dto: MfaLoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    if ((await this.login.transportOf(dto.challengeToken)) === 'cookie') this.authenticator.assertAllowedOrigin(request);
    const result = await this.login.complete(dto, contextOf(request), webAuthnSiteOf(request, this.config), this.clock.now());
    if (result.transport === 'cookie') setSignInCookies(reply, this.config, result);
    reply.header('cache-control', 'no-store');
    return result.response;
  }

  /** WebAuthn options to complete a sign-in with a passkey (pass them to `startAuthentication`). */
  @Public()
  @Post('auth/mfa/passkey-options')
  @HttpCode(200)
  @ApiOkResponse(WEBAUTHN_OPTIONS)
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: the challenge expired' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: the user has no passkey' })
  passkeyLoginOptions(@Body() dto: PasskeyLoginOptionsDto, @Req() request: FastifyRequest): Promise<unknown> {
    return this.login.passkeyOptions(dto.challengeToken, webAuthnSiteOf(request, this.config));
  }

  /** Gives the second factor again on this session (a code or a passkey's assertion): send, deliver_evidence and admin changes are allowed for MFA_STEP_UP_SECONDS. */
  @ApiBearerAuth()
  @Post('auth/step-up')
  @HttpCode(200)
  @ApiOkResponse({ type: MfaStatusDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: the code or passkey is wrong' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: no second factor enrolled' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes (RATE_LIMITED, Retry-After)' })
  stepUp(@CurrentUser() p: Principal, @Body() dto: MfaProofDto, @Req() request: FastifyRequest): Promise<MfaStatusDto> {
    return this.mfa.stepUp(p, dto, contextOf(request), webAuthnSiteOf(request, this.config));
  }

  /** WebAuthn options to step up with a passkey. */
  @ApiBearerAuth()
  @Post('auth/step-up/passkey-options')
  @HttpCode(200)
  @ApiOkResponse(WEBAUTHN_OPTIONS)
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: no passkey enrolled' })
  stepUpOptions(@CurrentUser() p: Principal, @Req() request: FastifyRequest): Promise<unknown> {
    return this.mfa.passkeyAssertionOptions(p.userId, webAuthnSiteOf(request, this.config));
  }

  /** The caller's second factor: enrolled or required, TOTP, passkeys, recovery codes left, and until when this session is stepped up. */
  @ApiBearerAuth()
  @DuringEnrolment()
  @Get('me/mfa')
  @ApiOkResponse({ type: MfaStatusDto })
  status(@CurrentUser() p: Principal): Promise<MfaStatusDto> {
    return this.mfa.status(p);
  }

  /** Starts enrolling a TOTP app: the secret and its `otpauth://` URI, answered once (confirm with a code). Adding a factor to one already on needs a step-up. */
  @ApiBearerAuth()
  @DuringEnrolment()
  @StepUpRequired()
  @Post('me/mfa/totp')
  @HttpCode(201)
  @ApiCreatedResponse({ type: TotpEnrolmentDto })
  @ApiConflictResponse({ description: 'CONFLICT: a TOTP app is already on' })
  startTotp(@CurrentUser() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<TotpEnrolmentDto> {
    reply.header('cache-control', 'no-store');
    return this.mfa.startTotp(p);
  }

  /** Turns the TOTP app on with its current code; the first factor also answers ten recovery codes, once. */
  @ApiBearerAuth()
  @DuringEnrolment()
  @Post('me/mfa/totp/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: the code is wrong, or no enrolment is under way' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes (RATE_LIMITED, Retry-After)' })
  confirmTotp(@CurrentUser() p: Principal, @Body() dto: TotpConfirmDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<RecoveryCodesDto> {
    reply.header('cache-control', 'no-store');
    return this.mfa.confirmTotp(p, dto.code, contextOf(request));
  }

  /** WebAuthn options to register a passkey (pass them to `startRegistration`). */
  @ApiBearerAuth()
  @DuringEnrolment()
  @StepUpRequired()
  @Post('me/mfa/passkeys/options')
  @HttpCode(200)
  @ApiOkResponse(WEBAUTHN_OPTIONS)
  passkeyOptions(@CurrentUser() p: Principal, @Req() request: FastifyRequest): Promise<unknown> {
    return this.mfa.passkeyOptions(p, webAuthnSiteOf(request, this.config));
  }

  /** Registers a passkey from the browser's answer to the options; the first factor also answers ten recovery codes, once. */
  @ApiBearerAuth()
  @DuringEnrolment()
  @StepUpRequired()
  @Post('me/mfa/passkeys')
  @HttpCode(201)
  @ApiCreatedResponse({ type: RecoveryCodesDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: the response does not verify, or answers no open options' })
  addPasskey(@CurrentUser() p: Principal, @Body() dto: PasskeyRegistrationDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<RecoveryCodesDto> {
    reply.header('cache-control', 'no-store');
    return this.mfa.addPasskey(p, dto.response, dto.name, webAuthnSiteOf(request, this.config));
  }

  /**
   * Resets a user's second factor (ADMIN): TOTP, passkeys and recovery codes are removed,
   * every session of theirs ends, the change is audited and the supervisors of their country
   * (every country's, for an ADMIN) are told. They enrol again at their next sign-in.
   */
  @ApiBearerAuth()
  @Roles('ADMIN')
  @StepUpRequired()
  @Delete('users/:id/mfa')
  @HttpCode(200)
  @ApiOkResponse({ type: MfaResetDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such user' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: the user has no second factor' })
  async reset(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<MfaResetDto> {
    await this.resets.reset(admin, id);
    return { reset: true };
  }
}
