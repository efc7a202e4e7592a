import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Clock, SystemClock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { RedisModule } from './redis/redis.module';
import { QueuesModule } from './queues/queues.module';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Tests pass a clock they can move. */
  clock?: Clock;
}

/** Configuration, clock, logging, PostgreSQL and Redis: what every process needs. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        LoggerModule.forRoot({
          // Every route, in path-to-regexp 8 syntax (the default '*' logs a deprecation warning).
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: options.config.LOG_LEVEL,
            genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customAttributeKeys: { reqId: 'requestId' },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
          },
        }),
        DatabaseModule.forRoot(),
        RedisModule,
        QueuesModule,
      ],
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
      ],
      exports: [AppConfig, Clock, DatabaseModule, RedisModule, QueuesModule],
    };
  }
}
