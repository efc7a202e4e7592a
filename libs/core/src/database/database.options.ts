import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** The DataSource options shared by the API, the worker, the test harness and scripts. */
export function dataSourceOptions(url: string, poolSize: number, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: poolSize,
      // Fail fast when PostgreSQL is unreachable instead of hanging.
      connectionTimeoutMillis: 5000,
      application_name: 'mla-hub',
    },
  };
}
