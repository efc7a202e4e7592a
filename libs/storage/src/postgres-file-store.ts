import { Injectable } from '@nestjs/common';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { TransactionRunner } from '@mla/core';
import { FileStore, FileUpload, StoredFile } from './file-store';
import { HashingMeter } from './hashing-meter';
import { LargeObjectsRepository } from './large-objects.repository';

/** Bytes sent to PostgreSQL per write and read: what is held in memory at a time. */
const CHUNK = 1024 * 1024;

/**
 * Files as PostgreSQL large objects: streamed in and out a chunk at a time, backed up with
 * the database, served by any API replica. An upload is one transaction: the large object
 * and the row that names it commit together, or neither does (a crash or a refusal leaves
 * nothing behind).
 */
@Injectable()
export class PostgresFileStore extends FileStore {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly objects: LargeObjectsRepository,
  ) {
    super();
  }

  put(upload: FileUpload): Promise<StoredFile> {
    return this.tx.run(async (m) => {
      const { oid, fd } = await this.objects.create(m);
      const meter = new HashingMeter(upload.maxBytes);
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        const chunk = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await this.objects.write(m, fd, chunk);
      };
      const sink = new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes < CHUNK) return done();
          flush().then(() => done(), done);
        },
        final: (done) => void flush().then(() => done(), done),
      });
      await pipeline(upload.body, meter, sink);
      await this.objects.close(m, fd);
      const file = { ref: String(oid), size: meter.size, sha256: meter.sha256 };
      await upload.keep(file, m);
      return file;
    });
  }

  /** Reads within a transaction of its own, held while the stream is read, a chunk at a time. */
  async get(ref: string): Promise<Readable> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const fd = await this.objects.openForRead(runner.manager, Number(ref));
      return new LargeObjectStream(this.objects, runner, fd);
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
  }

  async remove(ref: string, m: EntityManager): Promise<void> {
    await this.objects.unlink(m, Number(ref));
  }
}

/** A large object read a chunk at a time, on the connection (and in the transaction) of `runner`, released at the end. */
class LargeObjectStream extends Readable {
  private finished = false;

  constructor(
    private readonly objects: LargeObjectsRepository,
    private readonly runner: QueryRunner,
    private readonly fd: number,
  ) {
    super({ highWaterMark: CHUNK });
  }

  override _read(): void {
    this.objects.read(this.runner.manager, this.fd, CHUNK).then(
      async (chunk) => {
        if (chunk.length > 0) return void this.push(chunk);
        await this.end(true);
        this.push(null);
      },
      (error: Error) => void this.end(false).finally(() => this.destroy(error)),
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.end(false).then(
      () => done(error),
      () => done(error),
    );
  }

  private async end(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      await (commit ? this.runner.commitTransaction() : this.runner.rollbackTransaction());
    } finally {
      await this.runner.release();
    }
  }
}
