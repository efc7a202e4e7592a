import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The node's key file is missing, unreadable or not an Ed25519 private key (PKCS#8 PEM): the boot stops. */
export class NodeKeyFileError extends Error {}

/**
 * Reads the node's Ed25519 private key (PKCS#8 PEM) from `path`. When it does not exist and
 * `create` is set (outside production), generates one there first, readable by its owner only
 * (0600, its folder 0700): written under a temporary name and linked into place, so two
 * processes starting together end with the same key and never read half a file.
 */
export async function loadNodeKeyFile(path: string, create: boolean): Promise<{ privateKey: KeyObject; created: boolean }> {
  let created = false;
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT' || !create) {
      throw new NodeKeyFileError(`NODE_KEY_FILE ${path}: cannot read it (${(error as { code?: string }).code ?? String(error)})${create ? '' : '; in production create it first (openssl genpkey -algorithm ed25519 -out node.pem)'}`);
    }
    created = await createKeyFile(path);
    pem = await readFile(path, 'utf8');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new NodeKeyFileError(`NODE_KEY_FILE ${path}: not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new NodeKeyFileError(`NODE_KEY_FILE ${path}: an ${String(privateKey.asymmetricKeyType)} key; the node signs with Ed25519`);
  return { privateKey, created };
}

async function createKeyFile(path: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, pem, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}
