import type { DataSource } from 'typeorm';

/**
 * Runs `work` while holding a PostgreSQL session advisory lock on a connection of its own;
 * answers null without running it when another session holds the lock (`wait: false`), or
 * waits for it (`wait: true`). One-instance-only work (migrations, reconciler sweeps) uses it.
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, wait: boolean, work: () => Promise<T>): Promise<T | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    if (wait) await runner.query('SELECT pg_advisory_lock($1)', [key]);
    else {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key])) as { locked: boolean }[];
      if (!locked) return null;
    }
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
