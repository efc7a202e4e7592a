export * from './database.module';
export * from './database.options';
export * from './migration-runner';
export * from './advisory-lock';
export * from './transaction';
export * from './migrations';
export * from './sql-trace.logger';
export * from './sql-params';
