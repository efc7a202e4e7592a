/**
 * Renders documents in worker threads (piscina), never on the caller's event loop (DESIGN §4):
 * a letter at the DTO limits takes seconds of CPU, and another user's read must not wait for
 * it. Each task has a time limit: past it the worker is ended and the task fails with
 * `RenderTimedOut`.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { DocumentKind, DocumentKinds, RenderTask } from './document-kinds';

export interface RenderPoolOptions {
  /** Worker threads at most (default: one less than the cores, at least 1). */
  threads?: number;
  /** The time limit of one task, in milliseconds. */
  timeoutMs: number;
}

export class RenderTimedOut extends Error {
  constructor(readonly kind: string, readonly timeoutMs: number) {
    super(`rendering a ${kind} took longer than ${timeoutMs} ms`);
  }
}

/** The worker's file: the compiled one in a build, the TypeScript source (compiled on load) otherwise. */
function workerFile(): string {
  return __filename.endsWith('.ts') ? join(__dirname, 'render-worker-source.cjs') : join(__dirname, 'render-worker.js');
}

export class DocumentRenderPool {
  private readonly pool: Piscina<RenderTask, Uint8Array>;
  private readonly timeoutMs: number;

  constructor(options: RenderPoolOptions) {
    const threads = Math.max(1, options.threads ?? availableParallelism() - 1);
    this.timeoutMs = options.timeoutMs;
    this.pool = new Piscina({ filename: workerFile(), minThreads: 0, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 1 });
  }

  /** The bytes of a document of `kind` made from `input`, in a worker. */
  async render<K extends DocumentKind>(kind: K, input: DocumentKinds[K]): Promise<Buffer> {
    const task: RenderTask<K> = { kind, input };
    try {
      const bytes = await this.pool.run(task, { signal: AbortSignal.timeout(this.timeoutMs) });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw new RenderTimedOut(kind, this.timeoutMs);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
