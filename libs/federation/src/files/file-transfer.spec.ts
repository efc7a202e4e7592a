import { createHash } from 'node:crypto';
import { checkContentDigest } from '../crypto/content-digest';
import { contentDigestOfHex, FETCH_FLOOR_BYTES_PER_SECOND, fetchBodyBudgetMs, filePath, isSha256Hex, mismatchOf } from './file-transfer';

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
});
