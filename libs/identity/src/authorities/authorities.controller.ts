import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles, StepUpRequired } from '../auth/auth.decorators';
import type { Principal } from '../principal';
import { AuthoritiesService } from './authorities.service';
import { AuthorityListDto, AuthorityWithSecretDto, CreateAuthorityDto, ListAuthoritiesQueryDto, UpdateAuthorityDto } from './authority.dto';

@ApiTags('authorities')
@ApiBearerAuth()
@Controller('authorities')
export class AuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  /** Every authority taking part (to choose a requested authority). `webhookUrl` is shown only to admins and the authority's own supervisors (null for others). */
  @Get()
  @ApiOkResponse({ type: AuthorityListDto })
  async list(@CurrentUser() caller: Principal, @Query() query: ListAuthoritiesQueryDto): Promise<AuthorityListDto> {
    return { items: await this.authorities.list(caller, query), nextCursor: null };
  }

  /** Registers an authority (ADMIN); audited. A `webhookUrl` must be an allowed target (422 RULE_VIOLATED otherwise). */
  @Roles('ADMIN')
  @StepUpRequired()
  @Post()
  @ApiCreatedResponse({ type: AuthorityWithSecretDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: webhookUrl is not an allowed target (https in production, no credentials, public addresses only)' })
  create(@CurrentUser() admin: Principal, @Body() dto: CreateAuthorityDto): Promise<AuthorityWithSecretDto> {
    return this.authorities.create(admin, dto);
  }

  /** Changes an authority (ADMIN); audited. Setting `webhookUrl` answers its new signing secret, once. */
  @Roles('ADMIN')
  @StepUpRequired()
  @Patch(':id')
  @ApiOkResponse({ type: AuthorityWithSecretDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: webhookUrl is not an allowed target (https in production, no credentials, public addresses only)' })
  update(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateAuthorityDto): Promise<AuthorityWithSecretDto> {
    return this.authorities.update(admin, id, dto);
  }
}
