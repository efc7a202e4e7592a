import pg from 'pg';
import { countersQuery, durationsQuery } from './tmp-c.mts';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/mla_h19stats_study' }); await c.connect();
const now = new Date(); const from = new Date(now.getTime() - 365 * 86400000);
for (const q of [countersQuery('VN', 'counterpart', from, now), durationsQuery('VN', 'counterpart', from, now)]) {
const r = await c.query('EXPLAIN (ANALYZE, BUFFERS) ' + q.sql, q.params);
console.log(r.rows.map((x: any) => x['QUERY PLAN']).filter((l: string) => /actual time/.test(l)).map((l: string) => l.slice(0, 200)).join('\n'));
}
await c.end();
