import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@mla/core';

/** What an API answer (JSON, problem bodies, probes, metrics) may load or be framed by: nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The pages the API serves besides the console, Swagger UI at /docs and the queue board at
 * /admin/queues: their own scripts only (no inline script, nothing from another origin; the
 * board's web fonts are dropped from its page), inline styles (both set them), images and
 * fonts of their own or data: URLs, calls to this origin only, never framed.
 */
export const PAGE_CSP = pageCsp({ images: "'self' data:" });

/** The strict page policy (own scripts, inline styles, nothing from another origin, never framed), with its image sources. */
export function pageCsp({ images }: { images: string }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Path prefixes served with PAGE_CSP. */
export const PAGE_PREFIXES = ['/docs', '/admin/queues'];

const isUnder = (url: string, prefix: string) => {
  const path = url.split('?')[0] ?? '';
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}-`);
};

/**
 * Security headers on every answer (issue 22 item 6), with @fastify/helmet: `nosniff`, no
 * framing (`X-Frame-Options: DENY` and `frame-ancestors 'none'`), `Referrer-Policy:
 * no-referrer`, same-origin opener and resource policies, HSTS in production (a year,
 * subdomains included), and a CSP: nothing at all for the API's answers, PAGE_CSP for
 * /docs and /admin/queues. The console sets its own strict CSP (console-static.ts).
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      if (PAGE_PREFIXES.some((p) => isUnder(request.url, p))) reply.header('content-security-policy', PAGE_CSP);
    });
}
