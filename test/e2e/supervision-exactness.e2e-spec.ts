import { REQUEST_OUTCOMES_OF_DEADLINES, STATS_ROLLUP_BACKFILL } from '../../libs/core/src/database/migrations';
import { loginAll } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { DAY, HOUR } from '../support/test-clock';

// The benchmark's own generator (set-based, deterministic): a realistic history at small scale.
const { seedCounterparts, generate } = require('../../bench/supervision/dataset') as {
  seedCounterparts(client: SqlClient): Promise<void>;
  generate(client: SqlClient, total: number, now: Date, outcomesOfDeadlines: string): Promise<void>;
};
interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * How exact the statistics are (issue 19): `GET /supervision/stats`, read from the rollup
 * (whole months' histograms, whole days' cells, the partial days from the requests), against
 * the same figures computed directly from the requests, their deadlines and events, over
 * six thousand requests of the benchmark's generator and windows whose edges fall inside a
 * day and inside a month. Counts, on-time shares, backlog, reply rates and chases are equal;
 * each percentile equals `percentile_cont` of the durations taken at their bin's lower bound
 * (five minutes below a day, an hour below a week, a day beyond), and lies within one bin of
 * `percentile_cont` of the exact durations.
 */
describe('supervision statistics: rollup against direct computation (e2e)', () => {
  const NOW = new Date('2026-11-20T05:30:00.000Z');
  let t: TestApp;
  let supervisor: string;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: NOW.toISOString() });
    supervisor = (await loginAll(t)).vnSupervisor;
    const client: SqlClient = { query: async (text, params) => ({ rows: await t.sql(text, params) }) };
    await t.sql(`SET session_replication_role = replica`);
    await seedCounterparts(client);
    await generate(client, 6000, NOW, REQUEST_OUTCOMES_OF_DEADLINES);
    // Open drafts on either side of each age bound (31, 91, 181 days before NOW, ± 30 minutes):
    // day cells whose open requests fall in two buckets, so their ages are counted one by one.
    await t.sql(
      `WITH picked AS (
         SELECT r.id, row_number() OVER (ORDER BY r.reference) AS k FROM requests r
         WHERE r.requesting_country = 'VN' AND r.requested_country = 'SG' AND NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id)
         ORDER BY r.reference LIMIT 6
       ), gone AS (DELETE FROM deadlines d USING picked p WHERE d.request_id = p.id)
       UPDATE requests r SET state = 'DRAFT', submitted_at = NULL, sent_at = NULL, acknowledged_at = NULL, closed_at = NULL, executed_at = NULL,
         assignee_id = NULL, deadline_outcomes = array_fill(0, ARRAY[18])::smallint[],
         created_at = $1::timestamptz - (ARRAY[31, 31, 91, 91, 181, 181])[p.k] * interval '1 day' + CASE WHEN p.k % 2 = 0 THEN interval '30 minutes' ELSE interval '-30 minutes' END
       FROM picked p WHERE r.id = p.id`,
      [NOW],
    );
    await t.sql(`SET session_replication_role = DEFAULT`);
    await t.sql(STATS_ROLLUP_BACKFILL);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** What a duration counts as: its bin's lower bound (the README's resolution). */
  const binned = (s: number) => (s < 86_400 ? Math.floor(s / 300) * 300 : s < 604_800 ? Math.floor(s / 3600) * 3600 : Math.floor(s / 86_400) * 86_400);
  const width = (s: number) => (s < 86_400 ? 300 : s < 604_800 ? 3600 : 86_400);
  /** percentile_cont over sorted values. */
  const cont = (sorted: number[], p: number) => {
    const pos = p * (sorted.length - 1);
    const lo = Math.floor(pos);
    const a = sorted[lo] as number;
    return pos === lo ? a : a + ((sorted[lo + 1] as number) - a) * (pos - lo);
  };
  const round2 = (x: number) => Math.round(x * 100) / 100;

  /** The API's { n, median, p90 } against exact durations (seconds) in `unit`s. */
  const expectPercentiles = (got: { n: number; median: number | null; p90: number | null }, exact: number[], unit: number) => {
    expect(got.n).toBe(exact.length);
    if (exact.length === 0) return expect(got).toEqual({ n: 0, median: null, p90: null });
    const sorted = [...exact].sort((a, b) => a - b);
    const bins = sorted.map(binned);
    for (const [p, value] of [[0.5, got.median], [0.9, got.p90]] as const) {
      expect(value).toBe(round2(cont(bins, p) / unit));
      const hi = sorted[Math.ceil(p * (sorted.length - 1))] as number;
      const error = cont(sorted, p) - cont(bins, p);
      expect(error).toBeGreaterThanOrEqual(0);
      expect(error).toBeLessThan(width(hi));
    }
  };

  interface Direct {
    direction: 'outgoing' | 'incoming';
    grp: string;
    requests: number;
    sent: number;
    states: Record<string, number>;
    ack: number[];
    exec: number[];
    answer: number[];
    answered: number;
    chases: number;
    backlog: number[];
    ontime: Record<string, [number, number]>;
  }

  /** One request on one side: what the figures are made of, read from the tables themselves. */
  interface Side {
    direction: 'outgoing' | 'incoming';
    grp: string;
    state: string;
    sent: boolean;
    ack_s: number | null;
    exec_s: number | null;
    answer_s: number | null;
    age_days: number | null;
    chases: number;
    deadlines: { kind: string; ended: boolean; on_time: boolean }[];
  }

  /** The figures of VN's requests created in [from, to), per direction and `grp`, computed from the requests, deadlines and events. */
  const direct = async (from: Date, to: Date, grp: (side: 'outgoing' | 'incoming') => string): Promise<Direct[]> => {
    const sides = await t.sql<Side>(
      `SELECT s.direction, s.grp, s.state, s.sent_at IS NOT NULL AS sent,
         floor(extract(epoch FROM s.acknowledged_at - s.sent_at))::int AS ack_s, floor(extract(epoch FROM s.executed_at - s.sent_at))::int AS exec_s,
         floor(extract(epoch FROM coalesce(s.executed_at, CASE WHEN s.state = 'REFUSED' THEN s.closed_at END) - s.sent_at))::int AS answer_s,
         CASE WHEN s.state NOT IN ('CLOSED', 'REFUSED', 'WITHDRAWN', 'EXPIRED') THEN floor(extract(epoch FROM $3::timestamptz - s.origin) / 86400)::int END AS age_days,
         (SELECT count(*) FROM request_events e WHERE e.request_id = s.id AND e.action = 'chase')::int AS chases,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', d.kind, 'ended', d.status IN ('MET', 'OVERDUE') OR (d.status = 'PENDING' AND d.due_at < $3),
            'on_time', d.status = 'MET' AND d.met_at <= d.due_at)), '[]') FROM deadlines d WHERE d.request_id = s.id) AS deadlines
       FROM (
         SELECT 'outgoing' AS direction, ${grp('outgoing')} AS grp, r.*, r.created_at AS origin FROM requests r
         WHERE r.requesting_country = 'VN' AND r.deleted_at IS NULL AND r.created_at >= $1 AND r.created_at < $2
         UNION ALL
         SELECT 'incoming', ${grp('incoming')}, r.*, r.sent_at FROM requests r
         WHERE r.requested_country = 'VN' AND r.sent_at IS NOT NULL AND r.deleted_at IS NULL AND r.created_at >= $1 AND r.created_at < $2
       ) s`,
      [from, to, NOW],
    );
    const out = new Map<string, Direct>();
    for (const s of sides) {
      const key = `${s.direction} ${s.grp}`;
      let d = out.get(key);
      if (!d) {
        d = { direction: s.direction, grp: s.grp, requests: 0, sent: 0, states: {}, ack: [], exec: [], answer: [], answered: 0, chases: 0, backlog: [0, 0, 0, 0], ontime: {} };
        out.set(key, d);
      }
      d.requests += 1;
      d.states[s.state] = (d.states[s.state] ?? 0) + 1;
      d.chases += s.chases;
      if (s.age_days !== null) d.backlog[s.age_days <= 30 ? 0 : s.age_days <= 90 ? 1 : s.age_days <= 180 ? 2 : 3]! += 1;
      for (const x of s.deadlines) {
        const o = (d.ontime[x.kind] ??= [0, 0]);
        if (x.ended) o[0] += 1;
        if (x.on_time) o[1] += 1;
      }
      if (!s.sent) continue;
      d.sent += 1;
      if (s.ack_s !== null) d.ack.push(s.ack_s);
      if (s.exec_s !== null) d.exec.push(s.exec_s);
      if (s.answer_s !== null) {
        d.answer.push(s.answer_s);
        d.answered += 1;
      }
    }
    return [...out.values()];
  };

  const stats = async (from: Date, to: Date, groupBy: string) => {
    const res = await t.http.get(`/api/v1/supervision/stats?from=${from.toISOString()}&to=${to.toISOString()}&groupBy=${groupBy}`).set('authorization', supervisor);
    expect(res.status).toBe(200);
    return res.body;
  };

  it.each([
    ['a year to now, edges inside a day', new Date(NOW.getTime() - 365 * DAY - 7 * HOUR - 13 * 60_000), NOW],
    ['two weeks inside one month', new Date('2026-10-03T05:00:00.000Z'), new Date('2026-10-19T17:45:00.000Z')],
    ['fourteen months from a month start', new Date('2025-09-01T00:00:00.000Z'), new Date('2026-11-01T00:00:00.000Z')],
    ['a month and a millisecond', new Date('2026-09-01T00:00:00.000Z'), new Date('2026-10-01T00:00:00.001Z')],
  ])('equals the direct computation by counterpart: %s', async (_name, from, to) => {
    const body = await stats(from, to, 'counterpart');
    const rows = await direct(from, to, (side) => (side === 'outgoing' ? 'r.requested_country' : 'r.requesting_country'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const g = body[r.direction].groups.find((x: { key: string }) => x.key === r.grp);
      expect({ key: g?.key, requests: g?.requests, sent: g?.sent }).toEqual({ key: r.grp, requests: r.requests, sent: r.sent });
      expect(Object.fromEntries(Object.entries(g.byState).filter(([, n]) => n !== 0))).toEqual(r.states);
      expect(Object.values(g.openBacklog)).toEqual(r.backlog);
      expectPercentiles(g.timeToAcknowledgeHours, r.ack, 3600);
      expectPercentiles(g.timeToExecuteDays, r.exec, 86_400);
      for (const o of g.onTime) {
        const [ended, onTime] = r.ontime?.[o.kind] ?? [0, 0];
        expect([o.kind, o.ended, o.onTime]).toEqual([o.kind, ended, onTime]);
      }
      const c = body[r.direction].byCountry.find((x: { country: string }) => x.country === r.grp);
      expect({ sent: c.sent, answered: c.answered, chases: c.chases }).toEqual({ sent: r.sent, answered: r.answered, chases: r.chases });
      expectPercentiles(c.timeToAnswerDays, r.answer, 86_400);
    }
    for (const direction of ['outgoing', 'incoming'] as const) {
      const mine = rows.filter((r) => r.direction === direction);
      expect(body[direction].groups.map((g: { key: string }) => g.key)).toEqual(mine.map((r) => r.grp).sort());
      expect(body[direction].total.requests).toBe(mine.reduce((n, r) => n + r.requests, 0));
      expectPercentiles(body[direction].total.timeToAcknowledgeHours, mine.flatMap((r) => r.ack), 3600);
    }
  });

  it('equals the direct computation by type over a year, and per counterpart authority', async () => {
    const from = new Date(NOW.getTime() - 365 * DAY - 3 * HOUR);
    const body = await stats(from, NOW, 'type');
    const rows = await direct(from, NOW, () => 'r.type');
    for (const r of rows) {
      const g = body[r.direction].groups.find((x: { key: string }) => x.key === r.grp);
      expect({ key: g?.key, requests: g?.requests, sent: g?.sent, backlog: Object.values(g?.openBacklog ?? {}) }).toEqual({ key: r.grp, requests: r.requests, sent: r.sent, backlog: r.backlog });
      expectPercentiles(g.timeToAcknowledgeHours, r.ack, 3600);
      expectPercentiles(g.timeToExecuteDays, r.exec, 86_400);
    }
    const byAuthority = await direct(from, NOW, (side) => (side === 'outgoing' ? 'r.requested_authority_id::text' : 'r.requesting_authority_id::text'));
    for (const r of byAuthority) {
      const a = body[r.direction].byAuthority.find((x: { authorityId: string }) => x.authorityId === r.grp);
      expect({ sent: a?.sent, answered: a?.answered, chases: a?.chases }).toEqual({ sent: r.sent, answered: r.answered, chases: r.chases });
      expectPercentiles(a.timeToAnswerDays, r.answer, 86_400);
    }
  });
});
