import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { AuthoritiesService } from './authorities.service';
import { AuthorityListDto, AuthorityWithSecretDto, CreateAuthorityDto, ListAuthoritiesQueryDto, UpdateAuthorityDto } from './authority.dto';

@ApiTags('authorities')
@ApiBearerAuth()
@Controller('authorities')
export class AuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  /** Every authority taking part (to choose a requested authority). */
  @Get()
  @ApiOkResponse({ type: AuthorityListDto })
  async list(@Query() query: ListAuthoritiesQueryDto): Promise<AuthorityListDto> {
    return { items: await this.authorities.list(query), nextCursor: null };
  }

  /** Registers an authority (ADMIN). */
  @Roles('ADMIN')
  @Post()
  @ApiCreatedResponse({ type: AuthorityWithSecretDto })
  create(@Body() dto: CreateAuthorityDto): Promise<AuthorityWithSecretDto> {
    return this.authorities.create(dto);
  }

  /** Changes an authority (ADMIN); setting `webhookUrl` answers its new signing secret, once. */
  @Roles('ADMIN')
  @Patch(':id')
  @ApiOkResponse({ type: AuthorityWithSecretDto })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateAuthorityDto): Promise<AuthorityWithSecretDto> {
    return this.authorities.update(id, dto);
  }
}
