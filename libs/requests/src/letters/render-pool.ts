import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig, AppException } from '@mla/core';
import { DocumentRenderPool, RenderTimedOut, type DocumentKind, type DocumentKinds } from '@mla/letters';

/**
 * The API's render pool (DESIGN §4: rendering never runs on the event loop): the documents
 * of every kind (letters, their seals; a chaser is one more kind) rendered in worker threads
 * with a time limit (RENDER_TIMEOUT_MS; past it: 503, the worker ended).
 */
@Injectable()
export class RenderPool implements OnModuleDestroy {
  private readonly pool: DocumentRenderPool;

  constructor(config: AppConfig) {
    this.pool = new DocumentRenderPool({ threads: config.RENDER_THREADS, timeoutMs: config.RENDER_TIMEOUT_MS });
  }

  async render<K extends DocumentKind>(kind: K, input: DocumentKinds[K]): Promise<Buffer> {
    try {
      return await this.pool.render(kind, input);
    } catch (error) {
      if (error instanceof RenderTimedOut) throw new AppException('SERVICE_UNAVAILABLE', `The ${kind} could not be made in time (${error.timeoutMs} ms); try again`);
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
