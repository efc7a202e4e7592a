import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthorityFields, AuthorityRow } from './authority.row';

const COLUMNS = `id, code, name, country, kind, timezone, language, reach, names, webhook_url AS "webhookUrl",
  address, email, languages, channels, source, to_char(last_verified, 'YYYY-MM-DD') AS "lastVerified", retired_at AS "retiredAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const SETTABLE: Record<keyof AuthorityFields, string> = {
  code: 'code',
  name: 'name',
  country: 'country',
  kind: 'kind',
  timezone: 'timezone',
  language: 'language',
  reach: 'reach',
  names: 'names',
  webhookUrl: 'webhook_url',
  webhookSecret: 'webhook_secret',
  address: 'address',
  email: 'email',
  languages: 'languages',
  channels: 'channels',
  source: 'source',
  lastVerified: 'last_verified',
  retiredAt: 'retired_at',
};

/** The SQL of authorities. `m`: the caller's transaction, when it holds a lock. */
@Injectable()
export class AuthoritiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every country that has an authority, in order (whom a new ADMIN concerns). */
  async countries(m?: EntityManager): Promise<string[]> {
    const rows = (await (m ?? this.dataSource).query(`SELECT DISTINCT country FROM authorities ORDER BY country`)) as { country: string }[];
    return rows.map((r) => r.country);
  }

  async findById(id: string, m?: EntityManager): Promise<AuthorityRow | null> {
    return (await this.findByIds([id], m))[0] ?? null;
  }

  findByIds(ids: string[], m?: EntityManager): Promise<AuthorityRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (m ?? this.dataSource).query(`SELECT ${COLUMNS} FROM authorities WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** LOCAL authorities of countries outside `countries` (a node's NODE_COUNTRIES, DESIGN §15), by code. */
  localOutside(countries: readonly string[], m?: EntityManager): Promise<{ code: string; country: string }[]> {
    return (m ?? this.dataSource).query(`SELECT code, country FROM authorities WHERE reach = 'LOCAL' AND country <> ALL($1::text[]) ORDER BY country, code`, [countries]);
  }

  /** The authorities that act as a country's officers: its central authority and 24/7 contact point. */
  async officerAuthorityIds(country: string, m?: EntityManager): Promise<string[]> {
    const rows = (await (m ?? this.dataSource).query(
      `SELECT id FROM authorities WHERE country = $1 AND kind IN ('CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7') ORDER BY code`,
      [country],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  list(filter: { country?: string; kind?: string }): Promise<AuthorityRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.country) where.push(`country = $${params.push(filter.country)}`);
    if (filter.kind) where.push(`kind = $${params.push(filter.kind)}`);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM authorities ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY country, code`,
      params,
    );
  }

  /** Inserts an authority in the caller's transaction. */
  async insert(m: EntityManager, a: AuthorityFields): Promise<AuthorityRow> {
    const [row] = (await m.query(
      `INSERT INTO authorities (code, name, country, kind, timezone, language, reach, names, webhook_url, webhook_secret,
         address, email, languages, channels, source, last_verified, retired_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING ${COLUMNS}`,
      [
        a.code, a.name, a.country, a.kind, a.timezone, a.language, a.reach, JSON.stringify(a.names), a.webhookUrl, a.webhookSecret,
        a.address, a.email, a.languages, a.channels, a.source, a.lastVerified, a.retiredAt,
      ],
    )) as AuthorityRow[];
    return row as AuthorityRow;
  }

  /** The authority with this code locked for an update in the caller's transaction (the directory's boot). */
  async lockByCode(m: EntityManager, code: string): Promise<AuthorityRow | null> {
    const rows = (await m.query(`SELECT ${COLUMNS} FROM authorities WHERE code = $1 FOR UPDATE`, [code])) as AuthorityRow[];
    return rows[0] ?? null;
  }

  /** The authority locked for an update in the caller's transaction. */
  async lock(m: EntityManager, id: string): Promise<AuthorityRow | null> {
    const rows = (await m.query(`SELECT ${COLUMNS} FROM authorities WHERE id = $1 FOR UPDATE`, [id])) as AuthorityRow[];
    return rows[0] ?? null;
  }

  /** Sets the given fields (in the caller's transaction); answers the authority as it is now, or null when there is none. */
  async update(m: EntityManager, id: string, changes: Partial<AuthorityFields>, now: Date): Promise<AuthorityRow | null> {
    const params: unknown[] = [id, now];
    const sets = Object.entries(changes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${SETTABLE[k as keyof AuthorityFields]} = $${params.push(k === 'names' ? JSON.stringify(v) : v)}`);
    const [rows] = (await m.query(
      `UPDATE authorities SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
      params,
    )) as [AuthorityRow[], number];
    return rows[0] ?? null;
  }
}
