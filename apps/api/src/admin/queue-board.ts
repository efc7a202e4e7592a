import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, AppException, Clock, QUEUES, sendProblem } from '@mla/core';
import { sessionTokenOf } from '@mla/identity';

export const QUEUE_BOARD_PATH = '/admin/queues';
const COOKIE = 'mla_board_token';

/** The bearer token of a board request: the Authorization header, the board's own cookie, or the console's session cookie. */
function tokenOf(request: FastifyRequest): string | null {
  const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (header) return header[1] as string;
  const cookie = (request.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
  if (cookie) return decodeURIComponent(cookie.slice(COOKIE.length + 1));
  // The console's session cookie (SameSite=Strict: never sent by another site's page).
  return sessionTokenOf(request as unknown as Parameters<typeof sessionTokenOf>[0]);
}

/**
 * The queue dashboard (Bull Board) at /admin/queues, for ADMIN only. A browser signs in once
 * with `/admin/queues/login?token=<bearer token>`: the token goes into an HttpOnly cookie
 * scoped to the board; API clients send the usual Authorization header.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const clock = app.get(Clock);
  const jwt = new JwtService({ secret: config.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } });
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [QUEUES.deadlines, QUEUES.notifications].map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: false })),
    serverAdapter: board,
  });

  const fastify = app.getHttpAdapter().getInstance();
  const log = { error: (...args: unknown[]) => console.error(...args) };
  await fastify.register(
    async (scope) => {
      scope.get('/login', async (request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) => {
        const token = request.query.token ?? '';
        const claims = await verifyAdmin(jwt, clock, token).catch((error: unknown) => error as AppException);
        if (claims instanceof AppException) return sendProblem(request, reply, claims, log);
        return reply
          .header('set-cookie', `${COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${config.JWT_TTL_SECONDS}`)
          .redirect(QUEUE_BOARD_PATH);
      });
      scope.addHook('onRequest', async (request, reply) => {
        if (request.url.startsWith(`${QUEUE_BOARD_PATH}/login`)) return;
        try {
          await verifyAdmin(jwt, clock, tokenOf(request) ?? '');
        } catch (error) {
          sendProblem(request, reply, error, log);
          return reply;
        }
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}

async function verifyAdmin(jwt: JwtService, clock: Clock, token: string): Promise<void> {
  if (!token) throw new AppException('UNAUTHENTICATED', 'The queue dashboard needs an ADMIN bearer token (header, or /admin/queues/login?token=…)');
  let claims: { role?: string };
  try {
    claims = await jwt.verifyAsync(token, { clockTimestamp: Math.floor(clock.now().getTime() / 1000) });
  } catch {
    throw new AppException('UNAUTHENTICATED', 'The bearer token is invalid or has expired; log in again');
  }
  if (claims.role !== 'ADMIN') throw AppException.forbidden('The queue dashboard is for administrators');
}
