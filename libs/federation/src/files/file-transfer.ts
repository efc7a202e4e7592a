import { contentDigestOfHash } from '../crypto/content-digest';
import { federationRetryDelay } from '../outbox/backoff';

/** Where a peer serves the files it sent (DESIGN §15), outside the API prefix. */
export const FILES_PATH = '/federation/v1/files';

/** A file's name on the wire: its SHA-256 as 64 lower-case hex digits (as `federation_files` keeps it). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const isSha256Hex = (value: string): boolean => SHA256_HEX.test(value);

/** The path of a file's GET on its peer. */
export function filePath(sha256: string): string {
  if (!isSha256Hex(sha256)) throw new RangeError('a file is named by its SHA-256 in lower-case hex');
  return `${FILES_PATH}/${sha256}`;
}

/** The Content-Digest header (RFC 9530) of a file known by its SHA-256 in hex. */
export function contentDigestOfHex(sha256: string): string {
  if (!isSha256Hex(sha256)) throw new RangeError('a file is named by its SHA-256 in lower-case hex');
  return contentDigestOfHash(Buffer.from(sha256, 'hex'));
}

/** The slowest rate a file is fetched at when the transfers' own floor is off (TRANSFER_MIN_BYTES_PER_SECOND 0). */
export const FETCH_FLOOR_BYTES_PER_SECOND = 1024;

/**
 * How long a file's bytes may take to arrive once the peer has answered: its size at the
 * slowest rate a transfer keeps (TRANSFER_MIN_BYTES_PER_SECOND, or FETCH_FLOOR_BYTES_PER_SECOND
 * when that is 0), plus `graceMs`. A slower peer is cut and the attempt counted.
 */
export function fetchBodyBudgetMs(sizeBytes: number, minBytesPerSecond: number, graceMs: number): number {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new RangeError('a size is a whole number of bytes');
  const rate = minBytesPerSecond > 0 ? minBytesPerSecond : FETCH_FLOOR_BYTES_PER_SECOND;
  return graceMs + Math.ceil((sizeBytes * 1000) / rate);
}

/** A file as it was announced in a message: its size and SHA-256. */
export interface AnnouncedFile {
  sizeBytes: number;
  sha256: string;
}

/**
 * Why the bytes received are not the file announced (size first, then SHA-256), or null when
 * they are. Only then is the file kept.
 */
export function mismatchOf(received: { size: number; sha256: string }, announced: AnnouncedFile): string | null {
  if (received.size !== announced.sizeBytes) return `${received.size} bytes received, ${announced.sizeBytes} announced`;
  if (received.sha256 !== announced.sha256) return `SHA-256 ${received.sha256} received, ${announced.sha256} announced`;
  return null;
}

/** The reason of a peer's signed 404 for a file it listed but has not stored yet (an evidence item whose upload follows its delivery). */
export const FILE_NOT_YET_STORED = 'FILE_NOT_YET_STORED';

/** Why a fetch got no file: nothing later can do better (FINAL), the peer has not stored it yet (NOT_YET_STORED), or anything else (RETRY). */
export type FetchFailureKind = 'FINAL' | 'NOT_YET_STORED' | 'RETRY';

/**
 * What follows the `attempts`-th failed fetch of a file: FAILED at once when nothing later can
 * do better, or after the last of `maxAttempts`; else ARRIVING again after the backoff of
 * `baseMs` (doubling, capped). A file its peer listed and has not stored yet is never given up
 * for that (its officer may upload it days after the delivery): it is asked for again after the
 * backoff, however many attempts it took.
 */
export function afterFetchFailure(kind: FetchFailureKind, attempts: number, maxAttempts: number, now: Date, baseMs: number): { state: 'FAILED' } | { state: 'ARRIVING'; nextAttemptAt: Date } {
  if (kind === 'FINAL' || (kind === 'RETRY' && attempts >= maxAttempts)) return { state: 'FAILED' };
  return { state: 'ARRIVING', nextAttemptAt: new Date(now.getTime() + federationRetryDelay(attempts, baseMs)) };
}
