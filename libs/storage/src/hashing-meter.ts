import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { FileTooLarge } from './file-store';

/** Passes bytes through, counting and hashing them (SHA-256); fails past `maxBytes`. */
export class HashingMeter extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new FileTooLarge(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }
}
