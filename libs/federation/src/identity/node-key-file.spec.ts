import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicJwkOf } from '../crypto/jwks';
import { loadNodeKeyFile, NodeKeyFileError } from './node-key-file';

describe('the node key file (DESIGN §15)', () => {
  it('creates an Ed25519 PKCS#8 key at first start (0600, folder 0700), the same one for processes starting together', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'mla-node-key-')), 'keys');
    const path = join(dir, 'vn.test.pem');
    const loads = await Promise.all([loadNodeKeyFile(path, true), loadNodeKeyFile(path, true), loadNodeKeyFile(path, true)]);
    expect(loads.filter((l) => l.created)).toHaveLength(1);
    const kids = await Promise.all(loads.map(async (l) => (await publicJwkOf(l.privateKey)).kid));
    expect(new Set(kids).size).toBe(1);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dir)).toEqual(['vn.test.pem']);
    const again = await loadNodeKeyFile(path, true);
    expect([again.created, (await publicJwkOf(again.privateKey)).kid]).toEqual([false, kids[0]]);
  });

  it('never creates one in production, and refuses a key that is not Ed25519', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mla-node-key-'));
    await expect(loadNodeKeyFile(join(dir, 'missing.pem'), false)).rejects.toThrow(/in production create it first/);
    const rsa = join(dir, 'rsa.pem');
    await writeFile(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    await expect(loadNodeKeyFile(rsa, true)).rejects.toThrow(/rsa key; the node signs with Ed25519/);
    const junk = join(dir, 'junk.pem');
    await writeFile(junk, randomBytes(64));
    await expect(loadNodeKeyFile(junk, true)).rejects.toThrow(NodeKeyFileError);
  });
});
