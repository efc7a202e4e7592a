import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import { AppConfig, Public } from '@mla/core';
import type { Principal } from '../principal';
import { CurrentUser } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, MeDto } from './login.dto';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Exchanges an e-mail and password for a bearer token; also sets it as the console's HttpOnly session cookie. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (problem body, code UNAUTHENTICATED)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this e-mail (RATE_LIMITED)' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    const answer = await this.auth.login(dto);
    reply.setCookie(SESSION_COOKIE, answer.accessToken, sessionCookieOptions(this.config));
    return answer;
  }

  /** Signs the console out: clears the session cookie. */
  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session cookie is cleared' })
  logout(@Res({ passthrough: true }) reply: FastifyReply): void {
    const { maxAge: _maxAge, ...options } = sessionCookieOptions(this.config);
    reply.clearCookie(SESSION_COOKIE, options);
  }

  /** The caller: user, role and authority. */
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() principal: Principal): Promise<MeDto> {
    return this.auth.me(principal);
  }
}
