import { Logger as NestLogger, RequestMethod } from '@nestjs/common';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, genRequestId, HostResolver, runMigrationsWithLock } from '@mla/core';
import { seedDemoRequests } from './demo/demo-requests.seeder';
import { SealKeyStore, seedDemoSeals } from '@mla/seals';
import { DirectoryHolder } from '@mla/countries';
import { assertNodeCountries, AuthoritiesRepository, DEMO_PASSWORD, demoSeedFor, DirectoryApplier, seedDemoData, sessionCookieName } from '@mla/identity';
import { FEDERATION_ROOT_ROUTES, registerFederationIntakeBody } from '@mla/federation';
import { mountQueueBoard } from './admin/queue-board';
import { ApiModule } from './app.module';
import { mountConsole } from './console-static';
import { finishOpenApiDocument } from './openapi-document';
import { registerApiRateLimit } from './http/api-rate-limit';
import { registerSecurityHeaders } from './http/security-headers';
import { clientErrorHandler, frameworkErrors, registerJsonParser, registerPathSegmentLimit } from './http/fastify-errors';

export const API_PREFIX = 'api/v1';

/** Routes outside the versioned prefix: probes for orchestrators. */
export const prefixExclusions = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
  { path: 'metrics', method: RequestMethod.GET },
  // The node's identity document (RFC 8615) and the peers' messages (DESIGN §15) are at the root of NODE_URL.
  ...FEDERATION_ROOT_ROUTES.map((r) => ({ path: r.path, method: RequestMethod[r.method] })),
];

export interface CreateApiOptions {
  config: AppConfig;
  clock?: Clock;
  /** Tests pass a resolver that answers the addresses they choose (webhook targets). */
  resolver?: HostResolver;
  /** Tests migrate a template database once and skip this. */
  migrate?: boolean;
  seed?: boolean;
  /** The demo requests to OFFLINE counterparts (DESIGN §14); default: with the demo seed when the boot decides it (not a test that sets `seed`). */
  demoRequests?: boolean;
  /** Apply config/directory.yaml to the authorities (DESIGN §14); default true. Tests opt in, so that each file's world stays its own. */
  directory?: boolean;
  /** The console's build folder (default apps/console/dist); absent: `/` answers a 404 problem. */
  consoleDir?: string;
}

/** Longest path parameter (ids are 36 characters), decoded or as sent; longer answers 414 URI_TOO_LONG. */
const MAX_PARAM_LENGTH = 200;

/**
 * Builds the API on Fastify: migrations (under an advisory lock), demo seed, OpenAPI, the
 * session cookie, the API-wide limit, and a problem body for every error Fastify or Node
 * raises before a route runs.
 */
export async function createApi(options: CreateApiOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: genRequestId,
    requestIdHeader: false,
    // Whom to believe for the client address (X-Forwarded-For): TRUST_PROXY, off by default.
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
    // No client holds a connection open at will (issue 22 item 1): a silent socket is closed, and a
    // request must have arrived, body included, within its time (file transfers also have a minimum rate).
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_MS,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(options), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Bodies are JSON only, parsed by our own parser (registerJsonParser); no form bodies.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, { exclude: prefixExclusions });

  const fastify = app.getHttpAdapter().getInstance();
  const log = new NestLogger('HTTP');
  registerPathSegmentLimit(fastify, MAX_PARAM_LENGTH);
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, config);
  await registerApiRateLimit(app);
  // JSON only: any other body answers 415 (Fastify would otherwise hand text/plain through as a string).
  fastify.removeContentTypeParser('text/plain');
  registerJsonParser(fastify, config.BODY_MAX_DEPTH);
  // Evidence files arrive as raw bytes: handed on as a stream, hashed and size-checked on the way to storage.
  fastify.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  // The peers' messages are read as bytes (their Content-Digest is recomputed from them), on that route only.
  registerFederationIntakeBody(fastify, config.BODY_LIMIT_BYTES);
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    // What the API answers is evidence of criminal cases: never kept in a browser's or a proxy's cache
    // (the console's polls revalidate with If-None-Match instead).
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  if (options.migrate ?? config.MIGRATIONS_RUN) {
    const applied = await runMigrationsWithLock(app.get(DataSource));
    if (applied.length > 0) log.log(`Applied migrations: ${applied.join(', ')}`);
  }
  // A node serves its NODE_COUNTRIES only (DESIGN §15): a database holding another country's LOCAL authority stops the boot, before anything is written.
  await assertNodeCountries(app.get(AuthoritiesRepository), config.nodeCountries).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  if (options.seed ?? config.demoSeed) {
    const created = await seedDemoData(app.get(DataSource), config.nodeCountries);
    if (created.authorities + created.users > 0) log.log(`Demo seed: ${created.authorities} authorities, ${created.users} users created`);
    const seals = await seedDemoSeals(app.get(DataSource), app.get(SealKeyStore), app.get(Clock).now(), config.nodeCountries);
    if (seals > 0) log.log(`Demo seed: ${seals} demo sealing certificates (a demo CA, not trusted by PDF readers)`);
    // After the seals: the demo requests are sent as any letter is, sealed by the VN central authority.
    if (options.demoRequests ?? options.seed === undefined) {
      const requests = await seedDemoRequests(app);
      if (requests > 0) log.log(`Demo seed: ${requests} requests to OFFLINE counterparts created`);
    }
    if (config.isProduction) {
      log.warn(
        `DEMO_SEED=true in production: the demo accounts (${demoSeedFor(config.nodeCountries).users.map((u) => u.email).join(', ')}) exist with the published password ` +
          `"${DEMO_PASSWORD}". Anyone can sign in with them: unset DEMO_SEED and deactivate them (PATCH /api/v1/users/:id {"active": false}).`,
      );
    }
  }

  if (options.directory ?? true) {
    // After the demo seed: its authorities are LOCAL, and the directory never touches a LOCAL one.
    const applied = await app.get(DirectoryApplier).apply(app.get(DirectoryHolder).entries(), app.get(Clock).now());
    log.log(
      `Directory ${config.DIRECTORY_PATH}: ${applied.created.length} created, ${applied.updated.length} updated (${applied.updated.join(', ') || 'none'}), ` +
        `${applied.kept.length} kept (verified later here), ${applied.local.length} LOCAL untouched`,
    );
    if (applied.conflicts.length > 0) log.warn(`Directory entries whose code belongs to an authority of another country, left alone: ${applied.conflicts.join(', ')}`);
  }

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await mountQueueBoard(app);
  await mountConsole(app, options.consoleDir, MAX_PARAM_LENGTH);
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
  return finishOpenApiDocument(SwaggerModule.createDocument(app, doc), sessionCookieName(app.get(AppConfig)));
}
