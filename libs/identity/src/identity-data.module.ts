import { Module } from '@nestjs/common';
import { AuthoritiesRepository } from './authorities/authorities.repository';
import { UsersRepository } from './users/users.repository';

/** The identity tables (authorities, users) for any process: no HTTP, no guard. */
@Module({
  providers: [AuthoritiesRepository, UsersRepository],
  exports: [AuthoritiesRepository, UsersRepository],
})
export class IdentityDataModule {}
