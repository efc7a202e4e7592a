import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '@mla/core';
import type { Principal } from '../principal';
import { CurrentUser } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, MeDto } from './login.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges an e-mail and password for a bearer token. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (problem body, code UNAUTHENTICATED)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this e-mail (RATE_LIMITED)' })
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto);
  }

  /** The caller: user, role and authority. */
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() principal: Principal): Promise<MeDto> {
    return this.auth.me(principal);
  }
}
