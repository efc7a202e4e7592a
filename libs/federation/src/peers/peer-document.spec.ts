import { generateKeyPairSync } from 'node:crypto';
import { publicJwkOf } from '../crypto/jwks';
import { PeerDocumentRefused, readPeerDocument } from './peer-document';

describe('a peer’s well-known document (DESIGN §15)', () => {
  it('reads the node, its countries, URL and keys; ignores fields it does not know', async () => {
    const jwk = await publicJwkOf(generateKeyPairSync('ed25519').publicKey);
    const doc = { nodeId: 'sg.mla.example', countries: ['SG'], url: 'https://sg.mla.example/', protocols: ['mla-hub/1', 'mla-hub/2'], jwks: { keys: [jwk] }, later: true };
    expect(await readPeerDocument(doc)).toEqual({ nodeId: 'sg.mla.example', countries: ['SG'], url: 'https://sg.mla.example', keys: [jwk] });
    const refused = [
      { ...doc, nodeId: 'SG node' },
      { ...doc, countries: [] },
      { ...doc, countries: ['sg'] },
      { ...doc, url: 'ftp://sg.mla.example' },
      { ...doc, protocols: ['mla-hub/2'] },
      { ...doc, jwks: { keys: [{ ...jwk, d: jwk.x }] } },
      [doc],
      null,
    ];
    for (const bad of refused) await expect(readPeerDocument(bad)).rejects.toThrow(PeerDocumentRefused);
  });
});
