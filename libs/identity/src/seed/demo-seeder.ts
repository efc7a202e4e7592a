import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { DEMO_PASSWORD, demoSeedFor } from './demo-data';
import { EXISTING_EMAILS, INSERT_AUTHORITY_IF_MISSING, INSERT_LETTERHEAD_IF_MISSING, INSERT_USER_IF_MISSING, SET_DEMO_NAMES_IF_UNCHANGED } from './demo-seeder.sql';

/**
 * Creates the demo authorities and users when they are missing; running it again changes
 * nothing (idempotent). Returns how many rows it created. `countries`: the node's NODE_COUNTRIES
 * (DESIGN §15), whose authorities and people alone are seeded; null, the single-node mode: all.
 */
export async function seedDemoData(dataSource: DataSource, countries: readonly string[] | null = null): Promise<{ authorities: number; users: number }> {
  const seed = demoSeedFor(countries);
  let authorities = 0;
  let users = 0;
  for (const a of seed.authorities) {
    const names = JSON.stringify(a.names);
    const rows: unknown[] = await dataSource.query(INSERT_AUTHORITY_IF_MISSING, [a.code, a.name, a.country, a.kind, a.timezone, a.language, names, a.reach ?? 'LOCAL']);
    authorities += rows.length;
    if (rows.length === 0) await dataSource.query(SET_DEMO_NAMES_IF_UNCHANGED, [a.code, names]);
    if (a.letterhead) await dataSource.query(INSERT_LETTERHEAD_IF_MISSING, [a.code, a.letterhead.symbol, JSON.stringify(a.letterhead.places)]);
  }
  const existing: { email: string }[] = await dataSource.query(EXISTING_EMAILS, [seed.users.map((u) => u.email)]);
  const known = new Set(existing.map((r) => r.email));
  const missing = seed.users.filter((u) => !known.has(u.email));
  const hash = missing.length > 0 ? await hashPassword(DEMO_PASSWORD) : '';
  for (const u of missing) {
    const rows: unknown[] = await dataSource.query(INSERT_USER_IF_MISSING, [u.email, u.displayName, u.role, u.authorityCode, hash]);
    users += rows.length;
  }
  return { authorities, users };
}
