import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './database.options';
import { TransactionRunner } from './transaction';

/**
 * TypeORM on PostgreSQL as the connection pool, the transaction runner and the migration
 * runner. No entities: the migrations and each lib's typed row modules describe the schema.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE, [], config.SQL_TRACE_FILE),
            // One attempt: a database that cannot be reached stops the boot at once.
            retryAttempts: 0,
          }),
        }),
      ],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}
