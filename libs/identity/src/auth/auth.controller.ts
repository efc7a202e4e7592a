import '@fastify/cookie';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, clientKey, Public } from '@mla/core';
import type { Principal } from '../principal';
import { MfaChallengeDto } from '../mfa/mfa.dto';
import { CurrentUser, DuringEnrolment } from './auth.decorators';
import { AuthService, LoginContext } from './auth.service';
import { Authenticator } from './authenticator';
import { ChangePasswordDto, LoginDto, LoginResponseDto, MeDto } from './login.dto';
import { deviceCookieName, sessionCookieName, sessionCookieOptions, setSignInCookies } from './session-cookie';

function contextOf(request: FastifyRequest, config?: AppConfig): LoginContext {
  const agent = request.headers['user-agent'];
  const deviceToken = config ? request.cookies?.[deviceCookieName(config)] : undefined;
  return { client: clientKey(request), userAgent: typeof agent === 'string' ? agent : null, deviceToken: deviceToken ?? null };
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly authenticator: Authenticator,
    private readonly config: AppConfig,
  ) {}

  /**
   * Exchanges an e-mail and password for a session: a bearer token in the answer, or, with
   * `"session": "cookie"` (the web console, from its own Origin), an HttpOnly SameSite=Strict
   * cookie. Wrong passwords are limited per account and address, per address, and slowed
   * per account (429 RATE_LIMITED with Retry-After); a 401 says `attemptsRemaining`. A client
   * that signed in to the account before carries a device token (`deviceToken` in the answer,
   * or the console's HttpOnly cookie) with which it meets only its own limit, never the
   * account's lockout. A user with a second factor gets no
   * session yet: `{ "mfaRequired": true, "challengeToken" }`, completed by POST /auth/mfa.
   */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiExtraModels(LoginResponseDto, MfaChallengeDto)
  @ApiOkResponse({ description: 'A session, or the second step to take', schema: { oneOf: [{ $ref: getSchemaPath(LoginResponseDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] } })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (problem body, code UNAUTHENTICATED, `attemptsRemaining`: wrong passwords left before a pause)' })
  @ApiForbiddenResponse({ description: 'A cookie session asked from another Origin (FORBIDDEN)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins (RATE_LIMITED, Retry-After)' })
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto | MfaChallengeDto> {
    if (dto.session === 'cookie') this.authenticator.assertAllowedOrigin(request);
    const result = await this.auth.login(dto, contextOf(request, this.config));
    reply.header('cache-control', 'no-store');
    if ('mfaRequired' in result) return result;
    if (result.transport === 'cookie') setSignInCookies(reply, this.config, result);
    reply.header('cache-control', 'no-store');
    return result.response;
  }

  /** Ends the caller's session on the server (its token or cookie is refused from now on, on every replica). */
  @ApiBearerAuth()
  @DuringEnrolment()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentUser() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(principal);
    if (principal.transport === 'cookie') reply.clearCookie(sessionCookieName(this.config), sessionCookieOptions(this.config, 0));
  }

  /** The caller: user, role and authority. */
  @ApiBearerAuth()
  @DuringEnrolment()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() principal: Principal): Promise<MeDto> {
    return this.auth.me(principal);
  }

  /** Changes the caller's password; every other session of theirs ends (this one stays). */
  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: the current password is wrong' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many wrong current passwords' })
  async changePassword(@CurrentUser() principal: Principal, @Body() dto: ChangePasswordDto, @Req() request: FastifyRequest): Promise<void> {
    await this.auth.changePassword(principal, dto, contextOf(request));
  }
}
