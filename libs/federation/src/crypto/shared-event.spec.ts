import { generateKeyPairSync } from 'node:crypto';
import { publicJwkOf } from './jwks';
import { sharedEventHash, SharedEventRefused, signSharedEvent, verifySharedEvent, type SharedEvent } from './shared-event';

describe('shared events (DESIGN §15)', () => {
  const keyPair = () => generateKeyPairSync('ed25519').privateKey;
  const event: SharedEvent = {
    requestId: '6f1c7f8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', seq: 2, prev: 'a'.repeat(64), node: 'sg.mla.example', action: 'acknowledge',
    fromState: 'SENT', toState: 'ACKNOWLEDGED', at: '2026-12-06T03:00:00.000Z',
    actor: { node: 'sg.mla.example', authority: { code: 'SG-CA', country: 'SG' }, role: 'OFFICER', name: 'Tan Wei Ling' }, input: {},
  };

  it('verifies with the signer’s key and answers the event; refuses another key, a changed payload, a wrong kid', async () => {
    const key = keyPair();
    const jwk = await publicJwkOf(key);
    const jws = await signSharedEvent(event, { kid: jwk.kid, privateKey: key });
    await expect(verifySharedEvent(jws, [jwk])).resolves.toEqual(event);
    const other = await publicJwkOf(keyPair());
    await expect(verifySharedEvent(jws, [other])).rejects.toThrow(SharedEventRefused);
    await expect(verifySharedEvent(jws, [{ ...other, kid: jwk.kid }])).rejects.toThrow('the signature does not verify');
    const [h, , s] = jws.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...event, toState: 'REFUSED' })).toString('base64url')}.${s}`;
    await expect(verifySharedEvent(forged, [jwk])).rejects.toThrow('the signature does not verify');
    await expect(verifySharedEvent('not-a-jws', [jwk])).rejects.toThrow('not a compact JWS');
  });

  it('chains by the SHA-256 of the JWS', async () => {
    const key = keyPair();
    const jwk = await publicJwkOf(key);
    const jws = await signSharedEvent(event, { kid: jwk.kid, privateKey: key });
    expect(sharedEventHash(jws)).toMatch(/^[0-9a-f]{64}$/);
    expect(sharedEventHash(jws)).not.toBe(sharedEventHash(`${jws}x`));
  });
});
