import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Clock, SystemClock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { RedisModule } from './redis/redis.module';
import { QueuesModule } from './queues/queues.module';
import { HostResolver, SystemHostResolver } from './net/host-resolver';
import { WebhookTargetPolicy } from './net/webhook-target-policy';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Tests pass a clock they can move. */
  clock?: Clock;
  /** Tests pass a resolver that answers the addresses they choose (the webhook target checks). */
  resolver?: HostResolver;
}

/** Configuration, clock, logging, PostgreSQL and Redis, the host resolver and webhook target policy: what every process needs. */
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
            // A request its client abandoned (an upload cancelled, a connection cut) is a warning; the rest as before.
            customLogLevel: (req, res) => (req.readableAborted || !res.writableEnded ? 'warn' : 'info'),
          },
        }),
        DatabaseModule.forRoot(),
        RedisModule,
        QueuesModule,
      ],
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: HostResolver, useValue: options.resolver ?? new SystemHostResolver() },
        WebhookTargetPolicy,
      ],
      exports: [AppConfig, Clock, HostResolver, WebhookTargetPolicy, DatabaseModule, RedisModule, QueuesModule],
    };
  }
}
