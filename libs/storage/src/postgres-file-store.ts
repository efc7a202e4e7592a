import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { AppConfig, TransactionRunner } from '@mla/core';
import { FileStore, FileUpload, StoredFile } from './file-store';
import { FileConnections } from './file-connections';
import { LargeObjectsRepository } from './large-objects.repository';
import { SpooledUpload } from './spool';

/** Bytes sent to PostgreSQL per write: what is held in memory at a time. */
const CHUNK = 1024 * 1024;
/** Bytes read per statement for a download: a connection is held for one such read at a time. */
const READ_CHUNK = CHUNK;

/**
 * Files as PostgreSQL large objects: backed up with the database, served by any API
 * replica. No transaction waits on a client (issue 22 item 1):
 *
 * - an upload is received whole first, on this machine's disk (`FILE_SPOOL_DIR`, an unlinked
 *   file: nothing stays behind), counted and hashed as it arrives; then one short transaction
 *   writes the large object from the spool, and the row that names it (`keep`) commits with it
 *   or neither does. The transaction lasts as long as the disk and PostgreSQL take, never as
 *   long as the client;
 * - a download reads the large object a chunk at a time, each chunk in a statement of its own
 *   (`lo_get`), when the client has taken the previous one: between chunks the connection is
 *   back in the pool;
 * - both use at most FILE_DB_CONNECTIONS connections at once (FileConnections): files never
 *   take the whole pool, however many move. A large object is never changed once committed, so the chunks are of
 *   one file; removed in mid-download, the download fails.
 */
@Injectable()
export class PostgresFileStore extends FileStore {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly objects: LargeObjectsRepository,
    private readonly config: AppConfig,
    private readonly connections: FileConnections,
  ) {
    super();
  }

  async put(upload: FileUpload): Promise<StoredFile> {
    const spooled = await SpooledUpload.receive(upload.body, upload.maxBytes, this.config.FILE_SPOOL_DIR);
    try {
      return await this.connections.run(() => this.tx.run(async (m) => {
        const { oid, fd } = await this.objects.create(m);
        for await (const chunk of spooled.chunks(CHUNK)) await this.objects.write(m, fd, chunk);
        await this.objects.close(m, fd);
        const file = { ref: String(oid), size: spooled.size, sha256: spooled.sha256 };
        await upload.keep(file, m);
        return file;
      }));
    } finally {
      await spooled.discard();
    }
  }

  async get(ref: string): Promise<Readable> {
    const oid = Number(ref);
    if (!(await this.objects.exists(oid))) throw new Error(`no large object ${ref}`);
    return new LargeObjectStream((offset) => this.connections.run(() => this.objects.readAt(oid, offset, READ_CHUNK)));
  }

  async remove(ref: string, m: EntityManager): Promise<void> {
    await this.objects.unlink(m, Number(ref));
  }
}

/** A large object read a chunk at a time as the consumer asks, each chunk a statement of its own. */
class LargeObjectStream extends Readable {
  private offset = 0;

  constructor(private readonly readAt: (offset: number) => Promise<Buffer>) {
    super({ highWaterMark: READ_CHUNK });
  }

  override _read(): void {
    this.readAt(this.offset).then(
      (chunk) => {
        this.offset += chunk.length;
        this.push(chunk.length > 0 ? chunk : null);
      },
      (error: Error) => this.destroy(error),
    );
  }
}
