import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig, TransactionRunner } from '@mla/core';
import { FileStore, FileUpload, StoredFile } from './file-store';
import { HashingMeter } from './hashing-meter';

const TEMP_PREFIX = '.upload-';

/**
 * Files on this machine's disk (FILE_STORE=filesystem, one machine only: another replica
 * would not find them). An upload goes to a temporary file, is kept under its final name
 * once checked, then its row commits; temporary files a crash left behind are removed at
 * start.
 */
@Injectable()
export class FilesystemFileStore extends FileStore implements OnModuleInit {
  readonly kind = 'filesystem' as const;
  private readonly logger = new Logger(FilesystemFileStore.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    if (this.config.FILE_STORE !== 'filesystem') return;
    await mkdir(this.dir, { recursive: true });
    const left = (await readdir(this.dir)).filter((f) => f.startsWith(TEMP_PREFIX));
    await Promise.all(left.map((f) => rm(join(this.dir, f), { force: true })));
    if (left.length > 0) this.logger.warn(`${left.length} interrupted uploads removed from ${this.dir}`);
  }

  async put(upload: FileUpload): Promise<StoredFile> {
    const ref = randomUUID();
    const temp = join(this.dir, `${TEMP_PREFIX}${ref}`);
    const meter = new HashingMeter(upload.maxBytes);
    try {
      await pipeline(upload.body, meter, createWriteStream(temp));
      const file = { ref, size: meter.size, sha256: meter.sha256 };
      await this.tx.run(async (m) => {
        await upload.keep(file, m);
        await rename(temp, this.pathOf(ref));
      });
      return file;
    } finally {
      await rm(temp, { force: true });
    }
  }

  async get(ref: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(ref));
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return stream;
  }

  async remove(ref: string): Promise<void> {
    await rm(this.pathOf(ref), { force: true });
  }

  private get dir(): string {
    return this.config.EVIDENCE_STORAGE_DIR;
  }

  private pathOf(ref: string): string {
    if (!/^[0-9a-f-]{36}$/.test(ref)) throw new Error(`not a file reference of this store: ${ref}`);
    return join(this.dir, ref);
  }
}
