import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AppConfig, Clock, CoreModule, HealthModule, HostResolver, IdempotencyInterceptor, IdempotencyModule, ProblemDetailsFilter } from '@mla/core';
import { CountriesModule } from '@mla/countries';
import { FederationModule } from '@mla/federation';
import { WorkingCalendarsModule } from '@mla/working-calendars';
import { IdentityModule } from '@mla/identity';
import { NotificationsModule } from '@mla/notifications';
import { RequestsFederationModule, RequestsModule } from '@mla/requests';
import { SealsModule } from '@mla/seals';
import { SupervisionModule } from '@mla/supervision';
import { ApiValidationPipe } from './validation.pipe';

export interface ApiModuleOptions {
  config: AppConfig;
  clock?: Clock;
  /** Tests pass a resolver of their own (the webhook target checks). */
  resolver?: HostResolver;
}

/** The HTTP service: identity, requests, health. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(options), HealthModule, IdentityModule, RequestsModule, NotificationsModule, SupervisionModule, SealsModule, CountriesModule, WorkingCalendarsModule, IdempotencyModule, FederationModule, RequestsFederationModule],
      providers: [
        // Idempotency-Key on every POST (DESIGN §9); the actions on requests record their answer in their own transaction.
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_PIPE, useFactory: (config: AppConfig) => new ApiValidationPipe(config.BODY_MAX_DEPTH), inject: [AppConfig] },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
