import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileTooLarge } from './file-store';
import { SpooledUpload } from './spool';

describe('SpooledUpload: an upload received whole on disk, nothing left behind', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mla-spool-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts, hashes and gives the bytes back in chunks; the directory stays empty', async () => {
    const bytes = randomBytes(300_001);
    const spooled = await SpooledUpload.receive(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), bytes.length, dir);
    expect(await readdir(dir)).toEqual([]);
    expect([spooled.size, spooled.sha256]).toEqual([bytes.length, createHash('sha256').update(bytes).digest('hex')]);
    const back: Buffer[] = [];
    for await (const chunk of spooled.chunks(65_536)) back.push(chunk);
    expect(Buffer.compare(Buffer.concat(back), bytes)).toBe(0);
    await spooled.discard();
  });

  it('refuses more bytes than allowed, leaving nothing', async () => {
    await expect(SpooledUpload.receive(Readable.from([randomBytes(2000)]), 1999, dir)).rejects.toBeInstanceOf(FileTooLarge);
    expect(await readdir(dir)).toEqual([]);
  });
});
