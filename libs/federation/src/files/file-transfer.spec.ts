import { createHash } from 'node:crypto';
import { checkContentDigest } from '../crypto/content-digest';
import { afterFetchFailure, contentDigestOfHex, FETCH_FLOOR_BYTES_PER_SECOND, fetchBodyBudgetMs, filePath, isSha256Hex, mismatchOf } from './file-transfer';
import { FEDERATION_BACKOFF_CAP_MS } from '../outbox/backoff';

const bytes = Buffer.from('the evidence file');
const sha = createHash('sha256').update(bytes).digest('hex');

describe('files by hash: the pure parts', () => {
  it('names a file by 64 lower-case hex digits, nothing else', () => {
    expect(isSha256Hex(sha)).toBe(true);
    for (const bad of ['', sha.toUpperCase(), sha.slice(1), `${sha}0`, `${sha.slice(0, 63)}g`, `../${sha.slice(3)}`, `${sha.slice(0, 63)}\n`]) {
      expect(isSha256Hex(bad)).toBe(false);
    }
    expect(filePath(sha)).toBe(`/federation/v1/files/${sha}`);
    expect(() => filePath('../../etc/passwd')).toThrow(RangeError);
  });

  it('gives the Content-Digest (RFC 9530) of the bytes from their SHA-256 in hex', () => {
    const header = contentDigestOfHex(sha);
    expect(header).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect(checkContentDigest(header, bytes)).toBeNull();
    expect(checkContentDigest(header, Buffer.from('other bytes'))).toBe('mismatch');
    expect(() => contentDigestOfHex('abc')).toThrow(RangeError);
  });

  it('gives a file’s bytes the time its size takes at the slowest rate a transfer keeps, plus the grace', () => {
    expect(fetchBodyBudgetMs(0, 8192, 5000)).toBe(5000);
    expect(fetchBodyBudgetMs(8192 * 10, 8192, 5000)).toBe(15_000);
    expect(fetchBodyBudgetMs(1, 8192, 0)).toBe(1); // rounded up: never 0 for a byte
    // The transfers' floor off (0): the fetch keeps its own.
    expect(fetchBodyBudgetMs(FETCH_FLOOR_BYTES_PER_SECOND * 3, 0, 100)).toBe(3100);
    expect(() => fetchBodyBudgetMs(-1, 8192, 0)).toThrow(RangeError);
    expect(() => fetchBodyBudgetMs(1.5, 8192, 0)).toThrow(RangeError);
  });

  it('keeps only the bytes announced: the size first, then the SHA-256', () => {
    const announced = { sizeBytes: bytes.length, sha256: sha };
    expect(mismatchOf({ size: bytes.length, sha256: sha }, announced)).toBeNull();
    expect(mismatchOf({ size: bytes.length - 1, sha256: sha }, announced)).toBe(`${bytes.length - 1} bytes received, ${bytes.length} announced`);
    const other = createHash('sha256').update('other').digest('hex');
    expect(mismatchOf({ size: bytes.length, sha256: other }, announced)).toBe(`SHA-256 ${other} received, ${sha} announced`);
  });

  it('gives a file up after the last attempt, at once when nothing can do better, never while its peer has not stored it yet', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const at = (ms: number) => ({ state: 'ARRIVING', nextAttemptAt: new Date(now.getTime() + ms) });
    expect(afterFetchFailure('RETRY', 1, 3, now, 300)).toEqual(at(300));
    expect(afterFetchFailure('RETRY', 2, 3, now, 300)).toEqual(at(600));
    expect(afterFetchFailure('RETRY', 3, 3, now, 300)).toEqual({ state: 'FAILED' });
    expect(afterFetchFailure('FINAL', 1, 3, now, 300)).toEqual({ state: 'FAILED' });
    // An evidence item uploaded days after its delivery: asked for again, the waits doubling up to the cap.
    expect(afterFetchFailure('NOT_YET_STORED', 3, 3, now, 300)).toEqual(at(1200));
    expect(afterFetchFailure('NOT_YET_STORED', 40, 3, now, 30_000)).toEqual(at(FEDERATION_BACKOFF_CAP_MS));
  });
});
