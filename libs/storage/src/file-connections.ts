import { Injectable } from '@nestjs/common';
import { AppConfig } from '@mla/core';

/**
 * At most FILE_DB_CONNECTIONS of the pool's connections work for files at once (an upload's
 * store transaction, a download's chunk read); the other file work waits here, in this
 * process, not in the pool's queue: however many files move, the rest of the pool is left to
 * every other call (a bounded share of the pool for files).
 */
@Injectable()
export class FileConnections {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly config: AppConfig) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.config.FILE_DB_CONNECTIONS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
