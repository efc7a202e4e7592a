import { generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';
import { publicJwkOf } from '../crypto/jwks';
import { DirectorySignatureRefused, signDirectory, verifyDirectory } from './directory-jws';

describe('a signed directory (JWS, EdDSA)', () => {
  const key = generateKeyPairSync('ed25519').privateKey;
  const other = generateKeyPairSync('ed25519').privateKey;

  it('verifies with the signer’s keys and answers the payload', async () => {
    const jwk = await publicJwkOf(key);
    const jws = await signDirectory({ nodeId: 'sg.test' }, { privateKey: key, kid: jwk.kid });
    await expect(verifyDirectory(jws, [jwk])).resolves.toEqual({ nodeId: 'sg.test' });
  });

  it.each([
    ['another key under the peer’s kid', async () => signDirectory({}, { privateKey: other, kid: (await publicJwkOf(key)).kid }), 'the signature does not verify'],
    ['a key the peer does not list', async () => signDirectory({}, { privateKey: other, kid: (await publicJwkOf(other)).kid }), 'no key'],
    ['another typ (a receipt)', async () => new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'EdDSA', kid: (await publicJwkOf(key)).kid, typ: 'mla-hub-receipt+json' }).sign(key), 'typ'],
    ['not a JWS', async () => 'not.a.jws', 'not a compact JWS'],
    ['no directory at all', async () => undefined, 'carries no signed directory'],
  ])('refuses %s', async (_what, make, message) => {
    const jws = await make();
    const refusal = verifyDirectory(jws, [await publicJwkOf(key)]);
    await expect(refusal).rejects.toBeInstanceOf(DirectorySignatureRefused);
    await expect(verifyDirectory(jws, [await publicJwkOf(key)])).rejects.toThrow(message);
  });
});
