import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppException, Clock, pgErrorCode, PG } from '@mla/core';
import { AuthoritiesRepository } from './authorities.repository';
import { AuthorityDto, AuthorityWithSecretDto, CreateAuthorityDto, ListAuthoritiesQueryDto, UpdateAuthorityDto } from './authority.dto';
import type { AuthorityFields, AuthorityRow } from './authority.row';

export function toAuthorityDto(a: AuthorityRow): AuthorityDto {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    country: a.country,
    kind: a.kind,
    timezone: a.timezone,
    language: a.language,
    webhookUrl: a.webhookUrl ?? null,
  };
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

@Injectable()
export class AuthoritiesService {
  constructor(
    private readonly authorities: AuthoritiesRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: ListAuthoritiesQueryDto): Promise<AuthorityDto[]> {
    return (await this.authorities.list(query)).map(toAuthorityDto);
  }

  async create(dto: CreateAuthorityDto): Promise<AuthorityWithSecretDto> {
    const secret = dto.webhookUrl ? newWebhookSecret() : null;
    try {
      const saved = await this.authorities.insert({ ...dto, webhookUrl: dto.webhookUrl ?? null, webhookSecret: secret });
      return { ...toAuthorityDto(saved), ...(secret ? { webhookSecret: secret } : {}) };
    } catch (error) {
      if (pgErrorCode(error) === PG.UNIQUE_VIOLATION) {
        throw new AppException('CONFLICT', `An authority with code ${dto.code} already exists`, [{ field: 'code', message: 'is taken' }]);
      }
      throw error;
    }
  }

  async update(id: string, dto: UpdateAuthorityDto): Promise<AuthorityWithSecretDto> {
    const changes: Partial<AuthorityFields> = { name: dto.name, kind: dto.kind, timezone: dto.timezone, language: dto.language };
    let secret: string | undefined;
    if (dto.webhookUrl !== undefined) {
      changes.webhookUrl = dto.webhookUrl;
      secret = dto.webhookUrl === null ? undefined : newWebhookSecret();
      changes.webhookSecret = secret ?? null;
    }
    const updated = await this.authorities.update(id, changes, this.clock.now());
    if (!updated) throw AppException.notFound('Authority');
    return { ...toAuthorityDto(updated), ...(secret ? { webhookSecret: secret } : {}) };
  }
}
