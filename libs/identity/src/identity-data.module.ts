import { Module } from '@nestjs/common';
import { AuthoritiesRepository } from './authorities/authorities.repository';
import { SessionsRepository } from './sessions/sessions.repository';
import { UsersRepository } from './users/users.repository';

/** The identity tables (authorities, users, sessions) for any process: no HTTP, no guard. */
@Module({
  providers: [AuthoritiesRepository, UsersRepository, SessionsRepository],
  exports: [AuthoritiesRepository, UsersRepository, SessionsRepository],
})
export class IdentityDataModule {}
