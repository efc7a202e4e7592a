import { createSigner, httpbis } from 'http-message-signatures';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { contentDigest } from './content-digest';
import { publicJwkOf } from './jwks';
import { signRequest, SIGNED_COMPONENTS, verifyRequest, type IncomingRequest, type KeyLookup, type SigningKeyRef } from './message-signature';

const URL_ = 'http://127.0.0.1:3102/federation/v1/messages';
const NOW = new Date('2026-11-02T03:00:00.000Z');
const body = Buffer.from(JSON.stringify({ id: 'a', hello: 'Xin chào' }));

async function nodeKey(): Promise<SigningKeyRef & { publicKey: KeyObject }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, kid: (await publicJwkOf(publicKey)).kid };
}

function lookupOf(...keys: (SigningKeyRef & { publicKey: KeyObject })[]): KeyLookup<string> {
  return async (keyid) => {
    const k = keys.find((x) => x.kid === keyid);
    return k ? { publicKey: k.publicKey, owner: `peer-${k.kid}` } : null;
  };
}

async function signed(key: SigningKeyRef, at = NOW, payload: Buffer = body): Promise<IncomingRequest> {
  const headers = await signRequest({ method: 'POST', url: URL_, contentType: 'application/json', body: payload }, key, at);
  return { method: 'POST', targetUri: URL_, headers, body: payload };
}

describe('RFC 9421 signatures of federation messages (DESIGN §15)', () => {
  it('signs over @method, @target-uri, content-type, content-digest with created, expires and keyid, and verifies', async () => {
    const key = await nodeKey();
    const request = await signed(key);
    expect(request.headers['signature-input']).toBe(`sig=("@method" "@target-uri" "content-type" "content-digest");created=${NOW.getTime() / 1000};expires=${NOW.getTime() / 1000 + 300};keyid="${key.kid}"`);
    expect(request.headers['content-digest']).toBe(contentDigest(body));
    const result = await verifyRequest(request, lookupOf(key), new Date(NOW.getTime() + 60_000));
    expect(result).toEqual({ ok: true, owner: `peer-${key.kid}`, keyid: key.kid, created: NOW, expires: new Date(NOW.getTime() + 300_000) });
  });

  it('refuses a tampered body, a tampered header, a wrong target and another method', async () => {
    const key = await nodeKey();
    const request = await signed(key);
    const tamperedBody = Buffer.from(body.toString().replace('chào', 'chao'));
    expect(await verifyRequest({ ...request, body: tamperedBody }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_DIGEST' });
    // The body and its digest both changed: the signature over content-digest fails.
    const both = { ...request, body: tamperedBody, headers: { ...request.headers, 'content-digest': contentDigest(tamperedBody) } };
    expect(await verifyRequest(both, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_SIGNATURE' });
    const otherType = { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } };
    expect(await verifyRequest(otherType, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_SIGNATURE' });
    expect(await verifyRequest({ ...request, targetUri: 'http://127.0.0.1:3103/federation/v1/messages' }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_SIGNATURE' });
    expect(await verifyRequest({ ...request, method: 'PUT' }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_SIGNATURE' });
  });

  it('refuses an unknown key, and a key that claims another keyid', async () => {
    const key = await nodeKey();
    const other = await nodeKey();
    const request = await signed(other);
    expect(await verifyRequest(request, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'UNKNOWN_KEY' });
    const impostor = await signed({ privateKey: other.privateKey, kid: key.kid });
    expect(await verifyRequest(impostor, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_SIGNATURE' });
  });

  it('refuses a stale created, an expired or future signature, and expires more than 5 minutes after created', async () => {
    const key = await nodeKey();
    const request = await signed(key);
    expect(await verifyRequest(request, lookupOf(key), new Date(NOW.getTime() + 331_000))).toMatchObject({ ok: false, problem: 'OUTSIDE_WINDOW' });
    expect(await verifyRequest(request, lookupOf(key), new Date(NOW.getTime() - 31_000))).toMatchObject({ ok: false, problem: 'OUTSIDE_WINDOW' });
    expect(await verifyRequest(request, lookupOf(key), new Date(NOW.getTime() + 329_000))).toMatchObject({ ok: true });
    await expect(signRequest({ method: 'POST', url: URL_, contentType: 'application/json', body }, key, NOW, 301)).rejects.toThrow(RangeError);
    // Signed by the library directly, as a careless or hostile peer would: a 10-minute signature.
    const long = await httpbis.signMessage(
      { key: createSigner(key.privateKey, 'ed25519', key.kid), params: ['created', 'expires', 'keyid'], fields: [...SIGNED_COMPONENTS], paramValues: { created: NOW, expires: new Date(NOW.getTime() + 600_000) } },
      { method: 'POST', url: URL_, headers: { 'content-type': 'application/json', 'content-digest': contentDigest(body) } },
    );
    expect(await verifyRequest({ method: 'POST', targetUri: URL_, headers: long.headers as Record<string, string>, body }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'OUTSIDE_WINDOW', detail: expect.stringMatching(/at most 300 s/) });
  });

  it('refuses no signature, a missing digest, fewer components, and two signatures', async () => {
    const key = await nodeKey();
    const request = await signed(key);
    expect(await verifyRequest({ ...request, headers: { 'content-type': 'application/json' } }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'UNSIGNED' });
    const { 'content-digest': _digest, ...noDigest } = request.headers;
    expect(await verifyRequest({ ...request, headers: noDigest }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_DIGEST' });
    const fewer = await httpbis.signMessage(
      { key: createSigner(key.privateKey, 'ed25519', key.kid), params: ['created', 'expires', 'keyid'], fields: ['@method', 'content-digest'], paramValues: { created: NOW } },
      { method: 'POST', url: URL_, headers: { 'content-type': 'application/json', 'content-digest': contentDigest(body) } },
    );
    expect(await verifyRequest({ method: 'POST', targetUri: URL_, headers: fewer.headers as Record<string, string>, body }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'MALFORMED_SIGNATURE' });
    const two = { ...request.headers, 'signature-input': `${String(request.headers['signature-input'])}, sig2=${String(request.headers['signature-input']).slice(4)}` };
    expect(await verifyRequest({ ...request, headers: two }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'MALFORMED_SIGNATURE' });
    expect(await verifyRequest({ ...request, headers: { ...request.headers, 'signature-input': 'garbage((' } }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'MALFORMED_SIGNATURE' });
    expect(await verifyRequest({ ...request, headers: { ...request.headers, signature: 'sig=:AAAA:' } }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_SIGNATURE' });
  });

  it('signs a GET over @method and @target-uri only (no body: no content-type, no content-digest), and verifies it', async () => {
    const key = await nodeKey();
    const target = 'http://127.0.0.1:3102/federation/v1/directory';
    const headers = await signRequest({ method: 'GET', url: target, contentType: '', body: new Uint8Array(0) }, key, NOW);
    expect(Object.keys(headers).sort()).toEqual(['signature', 'signature-input']);
    expect(headers['signature-input']).toBe(`sig=("@method" "@target-uri");created=${NOW.getTime() / 1000};expires=${NOW.getTime() / 1000 + 300};keyid="${key.kid}"`);
    const get: IncomingRequest = { method: 'GET', targetUri: target, headers, body: new Uint8Array(0) };
    expect(await verifyRequest(get, lookupOf(key), NOW)).toMatchObject({ ok: true, keyid: key.kid });
    // Another target, a body on the GET, the GET's signature on a POST, a POST's signature on a GET: refused.
    expect(await verifyRequest({ ...get, targetUri: `${target}?x=1` }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_SIGNATURE' });
    expect(await verifyRequest({ ...get, body: Buffer.from('x') }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'BAD_DIGEST' });
    expect(await verifyRequest({ ...get, method: 'POST' }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'MALFORMED_SIGNATURE' });
    const post = await signed(key);
    expect(await verifyRequest({ ...post, method: 'GET', body: new Uint8Array(0) }, lookupOf(key), NOW)).toMatchObject({ ok: false, problem: 'MALFORMED_SIGNATURE' });
  });
});
