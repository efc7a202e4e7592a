import { appendFileSync } from 'node:fs';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Appends every SQL statement with its parameters to a file, one JSON line each. Off unless
 * SQL_TRACE_FILE is set; the transitions benchmark uses it to replay the API's exact SQL
 * from a bare `pg` script.
 */
export class SqlTraceLogger implements TypeOrmLogger {
  constructor(private readonly file: string) {}

  logQuery(query: string, parameters?: unknown[]): void {
    appendFileSync(this.file, `${JSON.stringify({ query, parameters: parameters ?? [] })}\n`);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
