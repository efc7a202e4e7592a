import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, binaryBody, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The statements `send` sends PostgreSQL (issue 21), read from the API's SQL trace: one read
 * before the lock (the request with its letter's facts, its signed copies and the sending
 * authority), then the locked transaction (START, the locked read, one write, COMMIT). A
 * session's re-check (its cache lapses after SESSION_CACHE_MS) is no part of it.
 */
describe('send round trips (e2e)', () => {
  const trace = join(tmpdir(), `mla-send-trace-${randomBytes(4).toString('hex')}.jsonl`);
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { SQL_TRACE_FILE: trace } });
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(async () => {
    await t.close();
    rmSync(trace, { force: true });
  });

  async function inReview(title: string): Promise<string> {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { title }));
    await act(t, as.vnProsecutor, draft.id as string, { action: 'submit' });
    return draft.id as string;
  }
  const letterToSign = (id: string) =>
    t.http.get(`/api/v1/requests/${id}/letter`).query({ lang: 'en' }).set('authorization', as.vnOfficer).buffer(true).parse(binaryBody);
  /** The statements `run` made the API send, in order (a session's re-check left out). */
  async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
    writeFileSync(trace, '');
    await run();
    return readFileSync(trace, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => (JSON.parse(line) as { query: string }).query)
      .filter((query) => !/\bFROM sessions\b/.test(query));
  }
  const sent = (id: string, body: Record<string, unknown>) => async () => {
    const res = await t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', as.vnOfficer).send({ action: 'send', ...body });
    expect(res.status).toBe(200);
  };
  const expectOneReadThenTheLockedWrite = (statements: string[]) => {
    expect(statements).toHaveLength(5);
    expect(statements[0]).toMatch(/^SELECT r\.id\b[\s\S]*"letterFacts"[\s\S]*"signedCopies"[\s\S]*"sendingAuthority"[\s\S]*WHERE r\.id = \$1 AND r\.deleted_at IS NULL$/);
    expect(statements.slice(1, 3)).toEqual(['START TRANSACTION', expect.stringMatching(/FOR UPDATE OF r$/)]);
    expect(statements[3]).toMatch(/^WITH s0 AS \(UPDATE requests SET [\s\S]*INSERT INTO request_letters/);
    expect(statements[4]).toBe('COMMIT');
  };

  it('sends with the signed copy of the letter read to sign in five statements: the number it was given is read with the request, never reserved again', async () => {
    const id = await inReview('Round trips of an uploaded signed copy');
    const letter = await letterToSign(id);
    const scan = Buffer.concat([letter.body as Buffer, Buffer.from('\n% signed and stamped\n')]);
    const uploaded = await t.http
      .post(`/api/v1/requests/${id}/signed-letter`)
      .query({ language: 'en', fileName: 'signed.pdf', mediaType: 'application/pdf', sha256: sha256(scan), letterSha256: letter.headers['x-content-sha256'] })
      .set('authorization', as.vnOfficer)
      .set('content-type', 'application/octet-stream')
      .send(scan);
    expect(uploaded.status).toBe(201);
    const statements = await statementsOf(sent(id, { signedLetter: 'UPLOADED' }));
    expectOneReadThenTheLockedWrite(statements);
    expect(statements.some((s) => s.includes('letter_registers'))).toBe(false);
  });

  it('seals in five statements too once the letter was read to sign; a first send without it reserves its number in a transaction of its own', async () => {
    const read = await inReview('Round trips of a sealed letter, read first');
    expect((await letterToSign(read)).status).toBe(200);
    expectOneReadThenTheLockedWrite(await statementsOf(sent(read, {})));

    const unread = await inReview('Round trips of a sealed letter, never read');
    const statements = await statementsOf(sent(unread, {}));
    const reservation = statements.slice(1, statements.indexOf('COMMIT') + 1);
    expect(reservation[0]).toBe('START TRANSACTION');
    expect(reservation.some((s) => s.startsWith('UPDATE letter_registers'))).toBe(true);
    expectOneReadThenTheLockedWrite([statements[0] as string, ...statements.slice(reservation.length + 1)]);
  });
});
