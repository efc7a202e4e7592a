import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  findByEmailWithHash(email: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  /** Keyset page ordered by creation, newest first. */
  page(filter: { authorityId?: string; role?: string }, after: { createdAt: string; id: string } | null, limit: number): Promise<UserEntity[]> {
    const qb = this.repo.createQueryBuilder('u').orderBy('u.createdAt', 'DESC').addOrderBy('u.id', 'DESC').take(limit);
    if (filter.authorityId) qb.andWhere('u.authorityId = :authorityId', { authorityId: filter.authorityId });
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (after) qb.andWhere('(u.createdAt, u.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  /** The active supervisors of these countries, with their authority (escalation recipients). */
  supervisorsOf(countries: string[]): Promise<{ id: string; authorityId: string }[]> {
    return this.repo.query(
      `SELECT u.id, u.authority_id AS "authorityId" FROM users u JOIN authorities a ON a.id = u.authority_id
       WHERE u.role = 'SUPERVISOR' AND u.active AND a.country = ANY($1) ORDER BY u.id`,
      [countries],
    );
  }

  save(entity: Partial<UserEntity>): Promise<UserEntity> {
    return this.repo.save(this.repo.create(entity));
  }
}
