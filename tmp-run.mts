import pg from 'pg';
import { countersQuery, durationsQuery } from './tmp-c.mts';
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/mla_h19stats_study', max: 6 });
const now = new Date(); const from = new Date(now.getTime() - 365 * 86400000);
for (let k = 0; k < 5; k++) {
  const t = performance.now();
  const qs = [countersQuery('VN', 'counterpart', from, now), durationsQuery('VN', 'counterpart', from, now), countersQuery('VN', 'authority', from, now), durationsQuery('VN', 'authority', from, now)];
  const times: number[] = [];
  const res = await Promise.all(qs.map(async (q) => { const s = performance.now(); const r = await pool.query(q.sql, q.params); times.push(Math.round(performance.now() - s)); return r; }));
  console.log('all', Math.round(performance.now() - t), times, res.map((r) => r.rows.length));
}
await pool.end();
