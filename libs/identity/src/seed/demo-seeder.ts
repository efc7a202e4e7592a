import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { DEMO_AUTHORITIES, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

/**
 * Creates the demo authorities and users when they are missing; running it again changes
 * nothing (idempotent). Returns how many rows it created.
 */
export async function seedDemoData(dataSource: DataSource): Promise<{ authorities: number; users: number }> {
  let authorities = 0;
  let users = 0;
  for (const a of DEMO_AUTHORITIES) {
    const rows: unknown[] = await dataSource.query(
      `INSERT INTO authorities (code, name, country, kind, timezone, language)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [a.code, a.name, a.country, a.kind, a.timezone, a.language],
    );
    authorities += rows.length;
  }
  const existing: { email: string }[] = await dataSource.query(`SELECT lower(email) AS email FROM users WHERE lower(email) = ANY($1)`, [
    DEMO_USERS.map((u) => u.email),
  ]);
  const known = new Set(existing.map((r) => r.email));
  const missing = DEMO_USERS.filter((u) => !known.has(u.email));
  const hash = missing.length > 0 ? await hashPassword(DEMO_PASSWORD) : '';
  for (const u of missing) {
    const rows: unknown[] = await dataSource.query(
      `INSERT INTO users (email, display_name, role, authority_id, password_hash)
       SELECT $1, $2, $3, (SELECT id FROM authorities WHERE code = $4), $5
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [u.email, u.displayName, u.role, u.authorityCode, hash],
    );
    users += rows.length;
  }
  return { authorities, users };
}
