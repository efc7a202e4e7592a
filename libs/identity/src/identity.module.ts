import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@mla/core';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { AuthoritiesController } from './authorities/authorities.controller';
import { AuthoritiesRepository } from './authorities/authorities.repository';
import { AuthoritiesService } from './authorities/authorities.service';
import { AuthorityEntity } from './authorities/authority.entity';
import { UserEntity } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/** Authorities, users, login and the global bearer-token guard. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AuthorityEntity, UserEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController, AuthoritiesController, UsersController],
  providers: [
    AuthService,
    AuthoritiesService,
    AuthoritiesRepository,
    UsersService,
    UsersRepository,
    LoginThrottle,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthoritiesRepository, UsersRepository],
})
export class IdentityModule {}
