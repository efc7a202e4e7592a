import { Logger } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { AppException, QUEUES, sendProblem } from '@mla/core';
import { Authenticator } from '@mla/identity';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The queue dashboard (Bull Board) at /admin/queues, for ADMIN only, with the same session
 * as the API: a browser uses the console's session cookie (Path=/, sign in with
 * `"session": "cookie"`), an API client the Authorization header. No token ever travels in
 * the URL. The board's own state changes (retry, clean) carry the cookie, so they need the
 * console's Origin like every cookie-carried change.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const authenticator = app.get(Authenticator);
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [QUEUES.deadlines, QUEUES.notifications].map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: true })),
    serverAdapter: board,
  });

  const fastify = app.getHttpAdapter().getInstance();
  const log = new Logger('QueueBoard');
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        try {
          const principal = await authenticator.authenticate(request);
          if (principal.role !== 'ADMIN') throw AppException.forbidden('The queue dashboard is for administrators');
        } catch (error) {
          sendProblem(request, reply, error, log);
          return reply;
        }
      });
      // The board's page asks Google for its web fonts: never from here (nothing leaves for another origin; PAGE_CSP).
      scope.addHook('onSend', async (_request, reply, payload) => {
        if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
        return payload.replace(/<link[^>]+href="https:\/\/fonts\.(googleapis|gstatic)\.com[^>]*>/g, '');
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
