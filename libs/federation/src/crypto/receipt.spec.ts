import { generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';
import { contentDigest, checkContentDigest } from './content-digest';
import { NodeKeysRefused, publicJwkOf, readNodeKeys } from './jwks';
import { RECEIPT_TYPE, ReceiptRefused, signReceipt, verifyReceipt, type Receipt } from './receipt';

async function nodeKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = await publicJwkOf(publicKey);
  return { privateKey, jwk, kid: jwk.kid };
}

const receipt: Receipt = { messageId: '0b5c3d1e-7f2a-4c6b-9d8e-1a2b3c4d5e6f', digest: contentDigest(Buffer.from('{}')), receivedAt: '2026-11-02T03:00:00.000Z', status: 'ACCEPTED' };

describe('receipts as JWS (DESIGN §15)', () => {
  it('signs a receipt with EdDSA and the kid, and verifies it with the signer JWKS', async () => {
    const key = await nodeKey();
    const jws = await signReceipt(receipt, key);
    const header = JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString()) as Record<string, string>;
    expect(header).toEqual({ alg: 'EdDSA', kid: key.kid, typ: RECEIPT_TYPE });
    expect(await verifyReceipt(jws, [key.jwk])).toEqual(receipt);
    const rejected = await signReceipt({ ...receipt, status: 'REJECTED', code: 'CONFLICT' }, key);
    expect(await verifyReceipt(rejected, [key.jwk])).toEqual({ ...receipt, status: 'REJECTED', code: 'CONFLICT' });
  });

  it('refuses a receipt signed by another key, altered, or not EdDSA', async () => {
    const key = await nodeKey();
    const other = await nodeKey();
    await expect(verifyReceipt(await signReceipt(receipt, other), [key.jwk])).rejects.toThrow(ReceiptRefused);
    // Another key claiming the right kid.
    await expect(verifyReceipt(await signReceipt(receipt, { privateKey: other.privateKey, kid: key.kid }), [key.jwk])).rejects.toThrow(/does not verify/);
    const jws = await signReceipt(receipt, key);
    const [h, , s] = jws.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...receipt, status: 'REJECTED' })).toString('base64url')}.${s}`;
    await expect(verifyReceipt(forged, [key.jwk])).rejects.toThrow(/does not verify/);
    const hs = await new CompactSign(Buffer.from('{}')).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(new Uint8Array(32));
    await expect(verifyReceipt(hs, [key.jwk])).rejects.toThrow(/not EdDSA/);
    await expect(verifyReceipt('nonsense', [key.jwk])).rejects.toThrow(ReceiptRefused);
  });
});

describe('node keys and digests', () => {
  it('reads a JWKS strictly: Ed25519 public keys whose kid is their RFC 7638 thumbprint', async () => {
    const key = await nodeKey();
    expect(await readNodeKeys({ keys: [key.jwk] })).toEqual([key.jwk]);
    await expect(readNodeKeys({ keys: [{ ...key.jwk, kid: 'mine' }] })).rejects.toThrow(/thumbprint/);
    await expect(readNodeKeys({ keys: [{ ...key.jwk, d: key.jwk.x }] })).rejects.toThrow(/private/);
    await expect(readNodeKeys({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] })).rejects.toThrow(NodeKeysRefused);
    await expect(readNodeKeys({ keys: [] })).rejects.toThrow(/no key/);
    await expect(readNodeKeys([key.jwk])).rejects.toThrow(/keys array/);
  });

  it('computes and checks Content-Digest (RFC 9530) from the bytes', () => {
    const bytes = Buffer.from('{"a":1}');
    const header = contentDigest(bytes);
    expect(header).toMatch(/^sha-256=:[A-Za-z0-9+/]{43}=:$/);
    expect(checkContentDigest(header, bytes)).toBeNull();
    expect(checkContentDigest(`sha-512=:AAAA:, ${header}`, bytes)).toBeNull();
    expect(checkContentDigest(header, Buffer.from('{"a":2}'))).toBe('mismatch');
    expect(checkContentDigest(undefined, bytes)).toBe('missing');
    expect(checkContentDigest('sha-256=abc', bytes)).toBe('malformed');
    expect(checkContentDigest('sha-512=:AAAA:', bytes)).toBe('no sha-256');
  });
});
