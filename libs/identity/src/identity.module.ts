import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '@mla/audit';
import { AppConfig } from '@mla/core';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { Authenticator } from './auth/authenticator';
import { LoginLimiter } from './auth/login-limiter';
import { PasswordVerifier } from './auth/password-verifier';
import { SessionTokens } from './auth/session-tokens';
import { StepUp } from './auth/step-up';
import { MfaChallengeTokens } from './mfa/mfa-challenge-tokens';
import { MfaLoginService } from './mfa/mfa-login.service';
import { MfaResetService } from './mfa/mfa-reset.service';
import { MfaController } from './mfa/mfa.controller';
import { MfaRepository } from './mfa/mfa.repository';
import { MfaService } from './mfa/mfa.service';
import { PasskeysService } from './mfa/passkeys.service';
import { AuthoritiesController } from './authorities/authorities.controller';
import { AuthoritiesService } from './authorities/authorities.service';
import { DirectoryApplier } from './authorities/directory-applier';
import { IdentityDataModule } from './identity-data.module';
import { SessionCache } from './sessions/session-cache';
import { UsersController } from './users/users.controller';
import { AccountAudit } from './audit/account-audit.service';
import { UsersService } from './users/users.service';
import { DeviceTokens } from './auth/device-tokens';

/**
 * The HTTP side of identity: login and sessions (bearer or cookie, live-checked, cached
 * per replica with invalidation over Redis pub/sub), the login limits, authorities, users,
 * the admin audit (written in each admin change's transaction, read by supervisors) and the
 * global guard (API only).
 */
@Module({
  imports: [
    IdentityDataModule,
    AuditModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController, MfaController, AuthoritiesController, UsersController, AuditController],
  providers: [
    AuthService,
    AuthoritiesService,
    DirectoryApplier,
    UsersService,
    AccountAudit,
    LoginLimiter,
    DeviceTokens,
    PasswordVerifier,
    SessionTokens,
    SessionCache,
    Authenticator,
    StepUp,
    MfaRepository,
    MfaChallengeTokens,
    MfaService,
    MfaLoginService,
    MfaResetService,
    PasskeysService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [IdentityDataModule, DirectoryApplier, AccountAudit, StepUp, Authenticator, SessionTokens, LoginLimiter, PasswordVerifier, SessionCache],
})
export class IdentityModule {}
