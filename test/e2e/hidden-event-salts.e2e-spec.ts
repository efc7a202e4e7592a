import { createHash } from 'node:crypto';
import { canonicalJson, eventHash, type HashedEventContent } from '../../libs/requests/src/domain/event-hash';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createDraft, createUser, loginAll, UserKey } from '../support/fixtures';

type Ev = Record<string, any>;

/**
 * Hidden events keep their secrets (issue 22, item 3): the other side sees a hidden event's
 * hash, and knows almost all of its content (the hidden `assign` after `acknowledge` reuses
 * that event's actor and time, its only unknown is the assignee, one of a handful of officer
 * ids the requesting side has seen). Each event's hash covers a random salt that only those
 * who may see the event are shown, so trying every candidate confirms nothing.
 */
describe('salted event hashes (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let id: string;
  let sgOfficerIds: string[];
  let assignee: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    const sgCa = await authorityId(t, 'SG-CA');
    for (const n of [1, 2, 3]) await createUser(t, as.admin, { email: `officer${n}@ca.sg.example`, role: 'OFFICER', authorityId: sgCa });
    // What the requesting side knows of the other side's officers (actors, deliveredBy, the access log).
    sgOfficerIds = (await t.sql<{ id: string }>(`SELECT id FROM users WHERE role = 'OFFICER' AND authority_id = $1 ORDER BY email`, [sgCa])).map((r) => r.id);
    assignee = sgOfficerIds[2] as string;
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    id = draft.id;
    await act(t, as.vnProsecutor, id, { action: 'submit' });
    await act(t, as.vnOfficer, id, { action: 'send' });
    await act(t, as.sgOfficer, id, { action: 'acknowledge', note: 'Received', assigneeId: assignee });
  });
  afterAll(() => t.close());

  const events = async (who: UserKey): Promise<Ev[]> => {
    const res = await t.http.get(`/api/v1/requests/${id}/events`).set('authorization', as[who]);
    expect(res.status).toBe(200);
    return res.body.items as Ev[];
  };

  /** The hidden `assign` as the requesting side would guess it: everything but the assignee is known. */
  const guessedAssign = (ack: Ev, hidden: Ev, assigneeId: string): HashedEventContent => ({
    requestId: id,
    seq: hidden.seq,
    action: 'assign',
    fromState: ack.toState,
    toState: ack.toState,
    actor: ack.actor,
    input: { assigneeId },
    occurredAt: ack.occurredAt,
  });

  it('VN trying every SG officer id finds no match for the hidden assign (whose content the guess gets right)', async () => {
    const vn = await events('vnProsecutor');
    const ack = vn.find((e) => e.action === 'acknowledge') as Ev;
    const hidden = vn.find((e) => e.seq === ack.seq + 1) as Ev;
    expect(hidden).toEqual({ seq: ack.seq + 1, hidden: true, hash: expect.any(String), prevHash: ack.hash });

    // The attacker's script: the published formula, with no salt, with an empty one, and with the salt of the event before.
    const attempts: string[] = [];
    for (const candidate of sgOfficerIds) {
      const content = guessedAssign(ack, hidden, candidate);
      attempts.push(createHash('sha256').update(hidden.prevHash).update('\n').update(canonicalJson(content)).digest('hex'));
      attempts.push(eventHash(hidden.prevHash, content, null));
      if (ack.salt) attempts.push(eventHash(hidden.prevHash, content, ack.salt));
    }
    expect(attempts.length).toBeGreaterThanOrEqual(sgOfficerIds.length * 2);
    expect(attempts.filter((h) => h === hidden.hash)).toEqual([]);

    // The guess was right in every other respect: with the salt only SG is shown, it is the hash.
    const [{ salt }] = await t.sql<{ salt: string }>(`SELECT salt FROM request_events WHERE request_id = $1 AND seq = $2`, [id, hidden.seq]);
    expect(eventHash(hidden.prevHash, guessedAssign(ack, hidden, assignee), salt)).toBe(hidden.hash);
    const sgAssign = (await events('sgOfficer')).find((e) => e.seq === hidden.seq) as Ev;
    expect(sgAssign).toMatchObject({ action: 'assign', hidden: false, salt, input: { assigneeId: assignee } });
  });

  it('every new event, pre-send ones included, has its own 128-bit salt', async () => {
    const rows = await t.sql<{ seq: number; salt: string | null }>(`SELECT seq, salt FROM request_events WHERE request_id = $1 ORDER BY seq`, [id]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const r of rows) expect(r.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(rows.map((r) => r.salt)).size).toBe(rows.length);
  });

  it.each<UserKey>(['vnProsecutor', 'vnSupervisor', 'sgOfficer', 'sgSupervisor'])(
    '%s is shown the salt of each event it sees (and recomputes its hash), only seq and hash of the others; the chain verifies',
    async (who) => {
      const items = await events(who);
      let prev: string | null = null;
      for (const e of items) {
        expect(e.prevHash).toBe(prev);
        if (e.hidden) {
          expect(Object.keys(e).sort()).toEqual(['hash', 'hidden', 'prevHash', 'seq']);
        } else {
          const { hash, prevHash, salt, hidden: _h, audience: _a, ...content } = e;
          expect(salt).toMatch(/^[0-9a-f]{32}$/);
          expect(eventHash(prevHash, content as HashedEventContent, salt)).toBe(hash);
        }
        prev = e.hash;
      }
      expect(items.filter((e) => e.hidden).length).toBeGreaterThan(0);
      const verify = await t.http.get(`/api/v1/requests/${id}/events/verify`).set('authorization', as[who]);
      expect(verify.body).toEqual({ valid: true, count: 5 });
    },
  );

  it('an event from before salting (null salt) verifies by the old formula, and the salted ones chain after it', async () => {
    const sgCa = await authorityId(t, 'SG-CA');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
    // As the migration leaves an old event: no salt, its hash by the old formula.
    const [old] = await t.sql<Ev>(
      `SELECT request_id AS "requestId", seq, action, from_state AS "fromState", to_state AS "toState", actor, input, occurred_at AS "occurredAt"
       FROM request_events WHERE request_id = $1 AND seq = 1`,
      [draft.id],
    );
    const content = { ...old, occurredAt: (old?.occurredAt as Date).toISOString() } as HashedEventContent;
    const oldHash = createHash('sha256').update('').update('\n').update(canonicalJson(content)).digest('hex');
    await t.sql(`ALTER TABLE request_events DISABLE TRIGGER request_events_append_only`);
    try {
      await t.sql(`UPDATE request_events SET salt = NULL, hash = $2 WHERE request_id = $1 AND seq = 1`, [draft.id, oldHash]);
    } finally {
      await t.sql(`ALTER TABLE request_events ENABLE TRIGGER request_events_append_only`);
    }
    await t.sql(`UPDATE requests SET last_event_hash = $2 WHERE id = $1`, [draft.id, oldHash]);
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    const verify = await t.http.get(`/api/v1/requests/${draft.id}/events/verify`).set('authorization', as.vnProsecutor);
    expect(verify.body).toEqual({ valid: true, count: 2 });
    const items = (await t.http.get(`/api/v1/requests/${draft.id}/events`).set('authorization', as.vnProsecutor)).body.items as Ev[];
    expect(items.map((e) => [e.seq, e.salt === null, e.prevHash])).toEqual([
      [1, true, null],
      [2, false, oldHash],
    ]);
    // And an unsalted event is as guessable as before: the old formula of its known content is its hash.
    expect(eventHash(null, content, null)).toBe(oldHash);
  });
});
