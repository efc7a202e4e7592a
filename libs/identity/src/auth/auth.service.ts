import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, AppException, Clock } from '@mla/core';
import { AuthoritiesRepository } from '../authorities/authorities.repository';
import { UsersRepository } from '../users/users.repository';
import type { Principal } from '../principal';
import { LoginDto, LoginResponseDto, MeDto } from './login.dto';
import { LoginThrottle } from './login-throttle';
import { dummyHash, verifyPassword } from './password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async login(dto: LoginDto): Promise<LoginResponseDto> {
    await this.throttle.assertAllowed(dto.email);
    const user = await this.users.findByEmailWithHash(dto.email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user || !ok || !user.active) {
      await this.throttle.recordFailure(dto.email);
      throw new AppException('UNAUTHENTICATED', 'The e-mail or password is wrong');
    }
    await this.throttle.reset(dto.email);
    const authority = user.authorityId ? await this.authorities.findById(user.authorityId) : null;
    const claims = {
      sub: user.id,
      email: user.email,
      role: user.role,
      authorityId: user.authorityId,
      authorityCode: authority?.code ?? null,
      country: authority?.country ?? null,
    };
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const accessToken = await this.jwt.signAsync({ ...claims, iat, exp: iat + this.config.JWT_TTL_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS, user: await this.me(claimsToPrincipal(claims)) };
  }

  async me(principal: Principal): Promise<MeDto> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new AppException('UNAUTHENTICATED', 'This account no longer exists');
    const authority = user.authorityId ? await this.authorities.findById(user.authorityId) : null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      authority: authority
        ? {
            id: authority.id,
            code: authority.code,
            name: authority.name,
            country: authority.country,
            kind: authority.kind,
            timezone: authority.timezone,
            language: authority.language,
          }
        : null,
    };
  }
}

function claimsToPrincipal(c: { sub: string; email: string; role: Principal['role']; authorityId: string | null; authorityCode: string | null; country: string | null }): Principal {
  return { userId: c.sub, email: c.email, role: c.role, authorityId: c.authorityId, authorityCode: c.authorityCode, country: c.country };
}
