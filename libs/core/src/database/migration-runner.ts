import { DataSource } from 'typeorm';

/** Arbitrary but fixed key of the advisory lock under which migrations run. */
export const MIGRATION_LOCK_KEY = 7_264_002_026;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so any number of
 * replicas may start together: the first migrates, the others wait and find nothing to do.
 */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'all' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
