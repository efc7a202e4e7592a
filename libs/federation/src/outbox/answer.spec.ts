import { generateKeyPairSync } from 'node:crypto';
import { contentDigest } from '../crypto/content-digest';
import { publicJwkOf } from '../crypto/jwks';
import { signReceipt, type Receipt } from '../crypto/receipt';
import { judgeAnswer } from './answer';

const ID = '0b5c3d1e-7f2a-4c6b-9d8e-1a2b3c4d5e6f';
const DIGEST = contentDigest(Buffer.from('{"id":"x"}'));
const AT = '2026-11-02T03:00:00.000Z';

async function peerKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = await publicJwkOf(publicKey);
  return { privateKey, kid: jwk.kid, jwk };
}
const answer = (status: number, body: unknown) => ({ status, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });

describe('a peer’s answer to a message (DESIGN §15)', () => {
  it('is DELIVERED on a 202 whose receipt verifies, names the message and its digest, and says ACCEPTED', async () => {
    const key = await peerKey();
    const receipt: Receipt = { messageId: ID, digest: DIGEST, receivedAt: AT, status: 'ACCEPTED' };
    const jws = await signReceipt(receipt, key);
    expect(await judgeAnswer(answer(202, { receipt: jws }), [key.jwk], ID, DIGEST)).toEqual({ outcome: 'DELIVERED', receipt: jws, payload: receipt, code: null });
  });

  it('is REJECTED with the code on a 4xx problem carrying a signed REJECTED receipt for this message', async () => {
    const key = await peerKey();
    const jws = await signReceipt({ messageId: ID, digest: DIGEST, receivedAt: AT, status: 'REJECTED', code: 'CONFLICT' }, key);
    expect(await judgeAnswer(answer(409, { code: 'CONFLICT', receipt: jws }), [key.jwk], ID, DIGEST)).toMatchObject({ outcome: 'REJECTED', code: 'CONFLICT' });
  });

  it('keeps the problem’s reason and detail of a rejection; an OUT_OF_ORDER refusal is retried, not a rejection', async () => {
    const key = await peerKey();
    const jws = await signReceipt({ messageId: ID, digest: DIGEST, receivedAt: AT, status: 'REJECTED', code: 'INVALID_TRANSITION' }, key);
    const rejected = await judgeAnswer(answer(409, { code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', detail: 'withdraw is not allowed from state REFUSED', receipt: jws }), [key.jwk], ID, DIGEST);
    expect(rejected).toMatchObject({ outcome: 'REJECTED', code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', detail: 'withdraw is not allowed from state REFUSED' });
    const early = await signReceipt({ messageId: ID, digest: DIGEST, receivedAt: AT, status: 'REJECTED', code: 'CONFLICT' }, key);
    expect(await judgeAnswer(answer(409, { code: 'CONFLICT', reason: 'OUT_OF_ORDER', detail: 'seq 4 follows 2', receipt: early }), [key.jwk], ID, DIGEST)).toEqual({
      outcome: 'RETRY', error: 'HTTP 409: OUT_OF_ORDER: seq 4 follows 2',
    });
  });
  it('is retried when nothing proves the peer’s decision on this message', async () => {
    const key = await peerKey();
    const other = await peerKey();
    const ok = (over: Partial<Receipt> = {}) => signReceipt({ messageId: ID, digest: DIGEST, receivedAt: AT, status: 'ACCEPTED', ...over }, key);
    const cases = [
      answer(503, { receipt: await ok() }),
      answer(202, 'not json'),
      answer(202, { messageId: ID }),
      answer(202, { receipt: await signReceipt({ messageId: ID, digest: DIGEST, receivedAt: AT, status: 'ACCEPTED' }, other) }),
      answer(202, { receipt: await ok({ messageId: '6f4e3d2c-1b0a-4987-8654-3210fedcba98' }) }),
      answer(202, { receipt: await ok({ digest: contentDigest(Buffer.from('other')) }) }),
      answer(202, { receipt: await ok({ status: 'REJECTED', code: 'CONFLICT' }) }),
      answer(400, { receipt: await ok() }),
      answer(413, { receipt: await ok({ messageId: null, digest: null, status: 'REJECTED', code: 'PAYLOAD_TOO_LARGE' }) }),
      answer(302, {}),
    ];
    for (const a of cases) expect([a.status, await judgeAnswer(a, [key.jwk], ID, DIGEST)]).toEqual([a.status, { outcome: 'RETRY', error: expect.stringMatching(/^HTTP \d{3}: /) }]);
  });
});
