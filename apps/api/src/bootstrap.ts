import { Logger as NestLogger, RequestMethod } from '@nestjs/common';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, genRequestId, runMigrationsWithLock } from '@mla/core';
import { seedDemoData } from '@mla/identity';
import { mountQueueBoard } from './admin/queue-board';
import { ApiModule } from './app.module';
import { mountConsole } from './console-static';

export const API_PREFIX = 'api/v1';

/** Routes outside the versioned prefix: probes for orchestrators. */
export const prefixExclusions = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
  { path: 'metrics', method: RequestMethod.GET },
];

export interface CreateApiOptions {
  config: AppConfig;
  clock?: Clock;
  /** Tests migrate a template database once and skip this. */
  migrate?: boolean;
  seed?: boolean;
  /** The console's build folder (default apps/console/dist); absent: `/` answers a 404 problem. */
  consoleDir?: string;
}

/** Builds the API on Fastify: migrations (under an advisory lock), demo seed, OpenAPI. */
export async function createApi(options: CreateApiOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: genRequestId,
    requestIdHeader: false,
    trustProxy: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(options), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, { exclude: prefixExclusions });

  // The console's session cookie (HttpOnly, SameSite=Strict) is read by the auth guard.
  await app.register(fastifyCookie);
  const fastify = app.getHttpAdapter().getInstance();
  const log = new NestLogger('HTTP');
  // JSON only: any other body answers 415 (Fastify would otherwise hand text/plain through as a string).
  fastify.removeContentTypeParser('text/plain');
  // Evidence files arrive as raw bytes: handed on as a stream, hashed and size-checked on the way to storage.
  fastify.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  if (options.migrate ?? config.MIGRATIONS_RUN) {
    const applied = await runMigrationsWithLock(app.get(DataSource));
    if (applied.length > 0) log.log(`Applied migrations: ${applied.join(', ')}`);
  }
  if (options.seed ?? config.demoSeed) {
    const created = await seedDemoData(app.get(DataSource));
    if (created.authorities + created.users > 0) log.log(`Demo seed: ${created.authorities} authorities, ${created.users} users created`);
  }

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await mountQueueBoard(app);
  await mountConsole(app, options.consoleDir);
  return app;
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('MLA Hub API')
    .setDescription(
      'Case management for cross-border mutual legal assistance requests. Errors are RFC 9457 problem details ' +
        '(application/problem+json) with a machine-readable `code` and the `requestId`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, doc);
}
