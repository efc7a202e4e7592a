import { DataSource } from 'typeorm';
import { withAdvisoryLock } from './advisory-lock';

/** Arbitrary but fixed key of the advisory lock under which migrations run. */
export const MIGRATION_LOCK_KEY = 7_264_002_026;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so any number of
 * replicas may start together: the first migrates, the others wait and find nothing to do.
 */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<string[]> {
  const applied = await withAdvisoryLock(dataSource, MIGRATION_LOCK_KEY, true, () => dataSource.runMigrations({ transaction: 'all' }));
  return (applied ?? []).map((m) => m.name);
}
