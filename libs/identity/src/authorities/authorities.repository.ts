import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuthorityEntity } from './authority.entity';

@Injectable()
export class AuthoritiesRepository {
  constructor(@InjectRepository(AuthorityEntity) private readonly repo: Repository<AuthorityEntity>) {}

  findById(id: string): Promise<AuthorityEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  findByIds(ids: string[]): Promise<AuthorityEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo.find({ where: { id: In(ids) } });
  }

  findByCode(code: string): Promise<AuthorityEntity | null> {
    return this.repo.findOne({ where: { code } });
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
