import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsWithLock } from '../../libs/core/src/database';
import { databaseUrl, TEMPLATE_DB, TEST_PG_ADMIN_URL } from './test-env';

/**
 * Migrates a template database once per run; each test file then clones its own database
 * from it (CREATE DATABASE … TEMPLATE …), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID ??= `${process.pid}`;
  const template = `mla_test_template_${process.env.TEST_RUN_ID}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`The e2e tests need PostgreSQL at ${TEST_PG_ADMIN_URL}: ${(error as Error).message}. Run: bash scripts/ensure-services.sh`);
  }
  // Databases left by runs whose process is gone (a crash, a killed run).
  const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'mla\\_test\\_%'`);
  for (const { datname } of stale.rows) {
    const pid = Number(/^mla_test_(?:template_)?(\d+)/.exec(datname)?.[1]);
    if (Number.isInteger(pid) && !isAlive(pid)) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();

  const ds = new DataSource(dataSourceOptions(databaseUrl(template), 2));
  await ds.initialize();
  await runMigrationsWithLock(ds);
  await ds.destroy();
  void TEMPLATE_DB;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
