import fc from 'fast-check';
import { SqlParams } from '../../libs/core/src/database/sql-params';
import { STATS_CELLS_OF_REQUESTS, STATS_MONTHS_OF_CELLS } from '../../libs/core/src/database/migrations';
import { statsRollupStatements, type RolledRow } from '../../libs/requests/src';
import { act, authorityId, completeDraft, createDraft, expectProblem, loginAll, UserKey } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { DAY, HOUR } from '../support/test-clock';

/**
 * Figures for every counterpart (DESIGN §14 "Figures", issue 19 item 7): per counterpart
 * country and authority (sent, answered, reply rate, time to answer, chases per request),
 * the yearly report (JSON and CSV, year validation, authorization), and the rollup that
 * each action keeps in its own transaction, checked against a recomputation from the
 * requests and their events over random histories.
 *
 * The `chase` action is not on this branch yet: a chase is recorded here as its event would
 * be (a `chase` row in request_events, inserted by SQL) with the rollup's hook applied to it
 * (statsRollupStatements with one chase), as the pipeline does for the action's event.
 */
describe('supervision figures (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: '2026-03-02T03:00:00.000Z' });
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (bearer: string, url: string) => t.http.get(url).set('authorization', bearer);
  const rolledRow = async (id: string): Promise<RolledRow> => {
    const [row] = await t.sql<RolledRow>(
      `SELECT state, type, priority, channel, requesting_country AS "requestingCountry", requested_country AS "requestedCountry",
         requesting_authority_id AS "requestingAuthorityId", requested_authority_id AS "requestedAuthorityId", created_at AS "createdAt",
         sent_at AS "sentAt", acknowledged_at AS "acknowledgedAt", executed_at AS "executedAt", closed_at AS "closedAt",
         deadline_outcomes AS "deadlineOutcomes", deleted_at AS "deletedAt"
       FROM requests WHERE id = $1`,
      [id],
    );
    return row!;
  };
  /** A chase recorded as the pipeline would: its event, and the rollup's hook with one chase. */
  const chase = async (id: string) => {
    await t.sql(
      `INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor, input, occurred_at, prev_hash, hash, audience)
       SELECT r.id, r.event_seq + 1, 'chase', r.state, r.state, '{"role":"OFFICER"}', '{}', $2, r.last_event_hash, repeat('c', 64), 'REQUESTING' FROM requests r WHERE r.id = $1`,
      [id, t.clock.now()],
    );
    await t.sql(`UPDATE requests SET event_seq = event_seq + 1 WHERE id = $1`, [id]);
    const row = await rolledRow(id);
    const p = new SqlParams();
    for (const sql of statsRollupStatements([{ before: row, after: row, chases: 1 }], p)) await t.sql(sql, p.values);
  };
  const sent = async (overrides: Record<string, unknown> = {}) => {
    const r = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, overrides));
    await act(t, as.vnProsecutor, r.id, { action: 'submit' });
    await act(t, as.vnOfficer, r.id, { action: 'send' });
    return r.id as string;
  };

  /** The rollup as kept, and as recomputed from the requests and their events: equal. */
  const expectRollupAgrees = async () => {
    const columns = `country, direction, dim, day::text AS day, value, requests, states, sent, sent_states, executed, answered, chases, outcomes, ack_s, exec_s, answer_s`;
    const key = 'ORDER BY country, direction, dim, day, value';
    const sqlOf = async (text: string) => t.sql(text).catch((e: Error) => { throw new Error(`${e.message}: ${text}`); });
    const kept = await sqlOf(`SELECT ${columns} FROM request_stats_cells WHERE requests <> 0 OR chases <> 0 ${key}`);
    const recomputed = await sqlOf(
      `SELECT ${columns} FROM (${STATS_CELLS_OF_REQUESTS('TRUE')}) AS c(country, direction, dim, day, value, requests, states, sent, sent_states, executed, answered, chases, outcomes, ack_s, exec_s, answer_s) ${key}`,
    );
    expect(kept).toEqual(recomputed);
    const months = `country, direction, dim, month::text AS month, value, ack_h, exec_h, answer_h`;
    const keptMonths = await sqlOf(`SELECT ${months} FROM request_stats_months WHERE 0 < ANY (ack_h || exec_h || answer_h) ORDER BY 1, 2, 3, 4, 5`);
    const monthsRecomputed = await sqlOf(
      `SELECT ${months} FROM (${STATS_MONTHS_OF_CELLS}) AS m(country, direction, dim, month, value, ack_h, exec_h, answer_h) ORDER BY 1, 2, 3, 4, 5`,
    );
    expect(keptMonths).toEqual(monthsRecomputed);
  };

  describe('per counterpart and the yearly report', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      t.clock.set('2026-03-02T03:00:00.000Z');
      // d: a draft (issue 21: created, never counted as sent).
      ids.d = (await createDraft(t, as.vnProsecutor, completeDraft(sgCa))).id;
      // a: sent, acknowledged 2 hours later, executed 3 days after that, closed.
      ids.a = await sent();
      t.clock.advance(2 * HOUR);
      await act(t, as.sgOfficer, ids.a, { action: 'acknowledge' });
      t.clock.advance(3 * DAY);
      await act(t, as.sgOfficer, ids.a, { action: 'start_execution' });
      await act(t, as.sgOfficer, ids.a, { action: 'deliver_evidence', final: true, items: [{ description: 'Subscriber record', kind: 'FILE', sha256: 'c'.repeat(64), sizeBytes: 10 }] });
      await act(t, as.vnProsecutor, ids.a, { action: 'close', outcome: 'Used in the case' });
      // b: refused a day after it was sent.
      ids.b = await sent({ type: 'TRAFFIC_DATA' });
      t.clock.advance(DAY);
      await act(t, as.sgOfficer, ids.b, { action: 'refuse', ground: 'OTHER', text: 'Not kept' });
      // c: sent, no answer, chased twice.
      ids.c = await sent();
      t.clock.advance(30 * DAY);
      await chase(ids.c);
      t.clock.advance(14 * DAY);
      await chase(ids.c);
    });

    it('counts per counterpart country and authority: sent, answered, reply rate, time to answer, chases per request', async () => {
      const res = await get(as.vnSupervisor, '/api/v1/supervision/stats?from=2026-03-01&to=2026-04-01');
      expect(res.status).toBe(200);
      const out = res.body.outgoing;
      // a answered in 3 days 2 hours (3.0833 days), b in 1 day: median 2.04; p90 = 1 + 0.9 × 2.0833 = 2.875.
      const figures = { sent: 3, answered: 2, replyRate: 0.6667, timeToAnswerDays: { n: 2, median: 2.04, p90: 2.88 }, chases: 2, chasesPerRequest: 0.67 };
      expect(out.byCountry).toEqual([{ country: 'SG', ...figures }]);
      expect(out.byAuthority).toEqual([{ country: 'SG', authorityId: sgCa, authorityCode: 'SG-CA', authorityName: expect.any(String), ...figures }]);
      // Drafts are requests created, never requests sent; the one execution has its time.
      expect(out.total).toMatchObject({ requests: 4, sent: 3, byState: expect.objectContaining({ DRAFT: 1, CLOSED: 1, REFUSED: 1, SENT: 1 }) });
      expect(out.total.timeToExecuteDays).toEqual({ n: 1, median: 3.08, p90: 3.08 });
      expect(out.total.timeToAcknowledgeHours).toEqual({ n: 1, median: 2, p90: 2 });
      // Singapore sees the same requests as received: the chases were Viet Nam's, on them.
      const sg = await get(as.sgSupervisor, '/api/v1/supervision/stats?from=2026-03-01&to=2026-04-01');
      expect(sg.body.incoming.byCountry).toEqual([{ country: 'VN', ...figures }]);
      expect(sg.body.outgoing.byCountry).toEqual([]);
    });

    it('gives the yearly report by country, type and outcome, as JSON and as CSV', async () => {
      const res = await get(as.vnSupervisor, '/api/v1/supervision/report?year=2026');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ country: 'VN', year: 2026, timezone: 'Asia/Ho_Chi_Minh', from: '2025-12-31T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' });
      const row = (type: string, o: Record<string, number>) => ({ country: 'SG', type, requests: 0, executed: 0, refused: 0, withdrawn: 0, expired: 0, closed: 0, open: 0, ...o });
      expect(res.body.made.rows).toEqual([row('SUBSCRIBER_INFO', { requests: 2, executed: 1, closed: 1, open: 1 }), row('TRAFFIC_DATA', { requests: 1, refused: 1 })]);
      expect(res.body.made.total).toEqual({ ...row('ALL', { requests: 3, executed: 1, closed: 1, refused: 1, open: 1 }), country: 'ALL' });
      expect(res.body.received).toEqual({ rows: [], total: expect.objectContaining({ requests: 0 }) });
      const sg = await get(as.sgSupervisor, '/api/v1/supervision/report?year=2026');
      expect(sg.body.received.rows.map((r: any) => [r.country, r.type, r.requests])).toEqual([
        ['VN', 'SUBSCRIBER_INFO', 2],
        ['VN', 'TRAFFIC_DATA', 1],
      ]);
      expect(sg.body.made.rows).toEqual([]);
      expect((await get(as.vnSupervisor, '/api/v1/supervision/report?year=2025')).body.made.rows).toEqual([]);

      const csv = await get(as.vnSupervisor, '/api/v1/supervision/report?year=2026').set('accept', 'text/csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="mla-report-VN-2026.csv"');
      expect(csv.text).toBe(
        [
          'direction,country,type,requests,executed,refused,withdrawn,expired,closed,open',
          'made,SG,SUBSCRIBER_INFO,2,1,0,0,0,1,1',
          'made,SG,TRAFFIC_DATA,1,0,1,0,0,0,0',
          'made,ALL,ALL,3,1,1,0,0,1,1',
          'received,ALL,ALL,0,0,0,0,0,0,0',
          '',
        ].join('\r\n'),
      );
    });

    it('refuses a bad year (400 naming year) and anyone but a supervisor (403)', async () => {
      for (const q of ['', '?year=', '?year=abc', '?year=20266', '?year=1969', '?year=2026.5', '?year=0999']) {
        const res = await get(as.vnSupervisor, `/api/v1/supervision/report${q}`);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(JSON.stringify(res.body.errors)).toContain('year');
      }
      for (const who of ['vnProsecutor', 'vnOfficer', 'admin'] as const) {
        expectProblem(await get(as[who], '/api/v1/supervision/report?year=2026'), 403, 'FORBIDDEN');
      }
      expectProblem(await t.http.get('/api/v1/supervision/report?year=2026'), 401, 'UNAUTHENTICATED');
    });

    it('keeps the rollup equal to its recomputation from the requests and events', async () => {
      await expectRollupAgrees();
    });
  });

  describe('the rollup over random histories', () => {
    /** The steps of a history: each an actor, an action, and the hours the clock moves before it. */
    const STEPS: [UserKey, Record<string, unknown>][] = [
      ['vnProsecutor', { action: 'submit' }],
      ['vnOfficer', { action: 'send' }],
      ['sgOfficer', { action: 'acknowledge' }],
      ['sgOfficer', { action: 'start_execution' }],
      ['sgOfficer', { action: 'deliver_evidence', final: true, items: [{ description: 'Record', kind: 'FILE', sha256: 'd'.repeat(64), sizeBytes: 10 }] }],
      ['vnProsecutor', { action: 'close', outcome: 'Used' }],
    ];
    const ENDINGS: Record<string, [UserKey, Record<string, unknown>] | null> = {
      none: null,
      refuse: ['sgOfficer', { action: 'refuse', ground: 'OTHER', text: 'No' }],
      withdraw: ['vnProsecutor', { action: 'withdraw', reason: 'Dropped' }],
      delete: ['vnProsecutor', { action: 'delete' }],
      chase: null,
    };
    const history = fc.record({
      steps: fc.integer({ min: 0, max: STEPS.length }),
      ending: fc.constantFrom(...Object.keys(ENDINGS)),
      hours: fc.array(fc.integer({ min: 0, max: 24 * 20 }), { minLength: STEPS.length + 1, maxLength: STEPS.length + 1 }),
      type: fc.constantFrom('SUBSCRIBER_INFO', 'TRAFFIC_DATA', 'CONTENT_DATA'),
      priority: fc.constantFrom('ROUTINE', 'URGENT'),
    });

    it('agrees with the requests and their events after any history (fast-check, real database)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(history, { minLength: 1, maxLength: 3 }), async (histories) => {
          t.clock.set('2026-05-04T03:00:00.000Z'); // each run from the same day (the sessions' tokens follow the clock)
          for (const h of histories) {
            t.clock.advance(HOUR);
            const r = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { type: h.type, priority: h.priority }));
            for (let i = 0; i < h.steps; i++) {
              t.clock.advance((h.hours[i] ?? 0) * HOUR + 60_000);
              const [who, body] = STEPS[i]!;
              await act(t, as[who], r.id, body);
            }
            t.clock.advance((h.hours[STEPS.length] ?? 0) * HOUR);
            const ending = ENDINGS[h.ending];
            if (h.ending === 'chase') await chase(r.id);
            else if (ending) {
              const [who, body] = ending;
              // An ending that the state does not allow answers 4xx and changes nothing.
              const res = await t.http.post(`/api/v1/requests/${r.id}/transitions`).set('authorization', as[who]).send(body);
              expect(res.status).toBeLessThan(500);
            }
          }
          await expectRollupAgrees();
        }),
        { numRuns: 6, seed: 19_2026 },
      );
    }, 180_000); // up to eighteen requests walked through the API
  });
});
