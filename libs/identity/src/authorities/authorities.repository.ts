import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthorityEntity } from './authority.entity';

@Injectable()
export class AuthoritiesRepository {
  constructor(@InjectRepository(AuthorityEntity) private readonly repo: Repository<AuthorityEntity>) {}

  async findById(id: string): Promise<AuthorityEntity | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  /** Raw SQL: these lookups sit on the hot path of every create and action. */
  findByIds(ids: string[]): Promise<AuthorityEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.query(
      `SELECT id, code, name, country, kind, timezone, language, webhook_url AS "webhookUrl", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM authorities WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** The authorities that act as a country's officers: its central authority and 24/7 contact point. */
  async officerAuthorityIds(country: string): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT id FROM authorities WHERE country = $1 AND kind IN ('CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7') ORDER BY code`,
      [country],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  list(filter: { country?: string; kind?: string }): Promise<AuthorityEntity[]> {
    return this.repo.find({
      where: { ...(filter.country ? { country: filter.country } : {}), ...(filter.kind ? { kind: filter.kind as AuthorityEntity['kind'] } : {}) },
      order: { country: 'ASC', code: 'ASC' },
    });
  }

  save(entity: Partial<AuthorityEntity>): Promise<AuthorityEntity> {
    return this.repo.save(this.repo.create(entity));
  }
}
