import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { SqlTraceLogger } from './sql-trace.logger';

/** The DataSource options shared by the API, the worker, the test harness and scripts. */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  entities: DataSourceOptions['entities'] = [],
  sqlTraceFile?: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: sqlTraceFile ? ['query'] : false,
    ...(sqlTraceFile ? { logger: new SqlTraceLogger(sqlTraceFile) } : {}),
    extra: {
      max: poolSize,
      // Fail fast when PostgreSQL is unreachable instead of hanging.
      connectionTimeoutMillis: 5000,
      application_name: 'mla-hub',
    },
  };
}
