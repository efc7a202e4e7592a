import { Logger } from '@nestjs/common';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AppException, sendProblem } from '@mla/core';
import { pageCsp } from './http/security-headers';

/** Paths the console never answers: they keep the API's own JSON problem 404s. */
export const NOT_CONSOLE_PREFIXES = ['/api', '/docs', '/health', '/metrics', '/admin'];

/**
 * Nothing from other origins; no inline script. Mantine sets inline styles (and one <style>
 * element of CSS variables), hence style-src 'unsafe-inline'; ECharts draws on a canvas.
 */
export const CONSOLE_CSP = pageCsp({ images: "'self' data: blob:" });

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** The repository root (the folder of the package.json named mla-hub), from source or from dist. */
function repositoryRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mla-hub') return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function defaultConsoleDir(): string {
  return join(repositoryRoot(), 'apps', 'console', 'dist');
}

const isFilePath = (path: string) => /\.[A-Za-z0-9]+$/.test(path.split('/').pop() ?? '');

/**
 * Serves the web console (apps/console, built by Vite) at `/`: hashed assets under
 * `/assets/` cached for a year (immutable), `index.html` (no-cache) for every client route,
 * never for the API's own prefixes. Without a build the API still starts and `/` answers a
 * 404 problem saying how to build it.
 */
export async function mountConsole(app: NestFastifyApplication, dir: string = defaultConsoleDir(), maxParamLength = 200): Promise<{ served: boolean }> {
  const fastify = app.getHttpAdapter().getInstance();
  const root = resolve(dir);
  const indexFile = join(root, 'index.html');
  const served = existsSync(indexFile);
  const log = new Logger('Console');

  await fastify.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.headers(SECURITY_HEADERS);
      return payload;
    });
    if (served && existsSync(join(root, 'assets'))) {
      await scope.register(fastifyStatic, {
        root: join(root, 'assets'),
        prefix: '/assets/',
        immutable: true,
        maxAge: 31_536_000_000,
        index: false,
        decorateReply: false,
      });
    }
    scope.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
      const path = (request.url.split('?')[0] ?? '/').replace(/\/+$/, '') || '/';
      if (NOT_CONSOLE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) {
        // A path parameter too long for the API's routes fell through to here: it answers as the router would.
        if (path.split('/').some((segment) => segment.length > maxParamLength)) {
          return sendProblem(request, reply, new AppException('URI_TOO_LONG', `A path parameter is longer than ${maxParamLength} characters`), log);
        }
        return reply.callNotFound();
      }
      if (!served) {
        return sendProblem(
          request,
          reply,
          new AppException('NOT_FOUND', 'The web console is not built (run `npm run console:build`); the API is at /api/v1 and its documentation at /docs'),
          log,
        );
      }
      if (isFilePath(path)) {
        // A file beside index.html (the icon): short cache; anything else is a 404, never the page.
        const file = resolve(root, `.${decodeURIComponent(path)}`);
        if (file.startsWith(root + sep) && file !== indexFile && existsSync(file) && statSync(file).isFile()) {
          return reply.header('cache-control', 'public, max-age=3600').type(contentType(file)).send(await readFile(file));
        }
        return reply.callNotFound();
      }
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(await readFile(indexFile));
    });
  });
  return { served };
}

function contentType(file: string): string {
  if (file.endsWith('.svg')) return 'image/svg+xml';
  if (file.endsWith('.png')) return 'image/png';
  if (file.endsWith('.ico')) return 'image/x-icon';
  if (file.endsWith('.txt')) return 'text/plain; charset=utf-8';
  if (file.endsWith('.json') || file.endsWith('.webmanifest')) return 'application/json';
  return 'application/octet-stream';
}
