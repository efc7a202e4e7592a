import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles, StepUpRequired } from '../auth/auth.decorators';
import type { Principal } from '../principal';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserListDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /**
   * Creates a user (ADMIN). The password is stored as an argon2id hash and never answered.
   * Audited; an OFFICER or SUPERVISOR created is announced to their country's supervisors.
   */
  @StepUpRequired()
  @Post()
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() admin: Principal, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(admin, dto);
  }

  /** Users, newest first (ADMIN). */
  @Get()
  @ApiOkResponse({ type: UserListDto })
  list(@Query() query: ListUsersQueryDto): Promise<UserListDto> {
    return this.users.list(query);
  }

  /**
   * Deactivates or reactivates a user, changes their role or authority (the rules of
   * creation), or resets their password (ADMIN). Every accepted change ends all of the
   * user's sessions at once, on every replica, and is audited; an OFFICER or SUPERVISOR
   * moved into an authority (role, authority, reactivation) is announced to its country's
   * supervisors.
   */
  @StepUpRequired()
  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such user' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED (an authority the role cannot belong to or that is not this node’s own (OFFLINE or PEER), your own account, the last ADMIN) or REQUEST_INCOMPLETE (authorityId)' })
  update(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(admin, id, dto);
  }
}
