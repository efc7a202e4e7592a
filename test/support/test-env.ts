/** Where the tests find PostgreSQL and Redis (overridable, defaults to this machine's). */
export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The migrated template every test file's database is cloned from. */
export const TEMPLATE_DB = `mla_test_template_${process.env.TEST_RUN_ID ?? 'local'}`;

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
