import { randomUUID } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingMeter } from './hashing-meter';

/**
 * An upload received whole on this machine's disk before the store sees it: counted,
 * hashed, size-limited as it arrives, so a slow client holds a file descriptor, never a
 * database connection. The file is unlinked as soon as it is opened: nothing is left behind
 * by a refusal, an interrupted upload or a killed process.
 */
export class SpooledUpload {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    readonly sha256: string,
  ) {}

  static async receive(body: Readable, maxBytes: number, dir: string): Promise<SpooledUpload> {
    const path = join(dir, `.mla-spool-${randomUUID()}`);
    const handle = await open(path, 'w+', 0o600);
    try {
      await rm(path, { force: true });
      const meter = new HashingMeter(maxBytes);
      await pipeline(body, meter, writerTo(handle));
      return new SpooledUpload(handle, meter.size, meter.sha256);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The bytes again, `size` at a time, from the start. */
  async *chunks(size: number): AsyncGenerator<Buffer> {
    for (let position = 0; position < this.size; ) {
      const buffer = Buffer.allocUnsafe(Math.min(size, this.size - position));
      const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) throw new Error('the spooled upload is shorter than received');
      position += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/**
 * Writes to `handle` from its start (a FileHandle's own write stream keeps the handle referenced
 * until the stream is closed, so a later `close()` would wait for ever with `autoClose: false`).
 */
function writerTo(handle: FileHandle): Writable {
  let position = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const writeAll = async () => {
        for (let offset = 0; offset < chunk.length; ) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, position);
          offset += bytesWritten;
          position += bytesWritten;
        }
      };
      writeAll().then(() => done(), done);
    },
  });
}
