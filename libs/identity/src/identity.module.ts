import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@mla/core';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { AuthoritiesController } from './authorities/authorities.controller';
import { AuthoritiesService } from './authorities/authorities.service';
import { IdentityDataModule } from './identity-data.module';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** The HTTP side of identity: login, authorities, users and the global bearer-token guard (API only). */
@Module({
  imports: [
    IdentityDataModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController, AuthoritiesController, UsersController],
  providers: [AuthService, AuthoritiesService, UsersService, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityDataModule],
})
export class IdentityModule {}
