import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** A file as stored: where (the store's reference), its size and SHA-256. */
export interface StoredFile {
  ref: string;
  size: number;
  sha256: string;
}

export interface FileUpload {
  /** The bytes, streamed: never held whole in memory. */
  body: Readable;
  /** Refused beyond this many bytes (as soon as they arrive). */
  maxBytes: number;
  /**
   * Decides, once every byte has arrived (size and SHA-256 known), whether to keep the file,
   * and records it (its row) in the transaction given; throwing drops the file.
   */
  keep: (file: StoredFile, m: EntityManager) => Promise<void>;
}

/**
 * Where the files of requests live (evidence files, supporting documents, letters). One
 * upload is all or nothing: a file is kept only with its row; a refused, failed or
 * interrupted upload leaves neither behind.
 */
export abstract class FileStore {
  /** `postgres` (large objects, every replica reads them) or `filesystem` (one machine). */
  abstract readonly kind: 'postgres' | 'filesystem';
  abstract put(upload: FileUpload): Promise<StoredFile>;
  /** The stored bytes, streamed. */
  abstract get(ref: string): Promise<Readable>;
  /** Removes a stored file in the caller's transaction (with its row). */
  abstract remove(ref: string, m: EntityManager): Promise<void>;
}

/** Thrown when more bytes arrive than allowed. */
export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}
