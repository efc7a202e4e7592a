import type { ChildProcess } from 'node:child_process';
import { DeadlineSweeps } from '../../libs/deadline-worker/src';
import { deadlineJobId } from '../../libs/deadlines/src';
import { createTestApp, TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { awaitJobs, startTestWorker, TestWorker } from '../support/test-worker';
import { freePort, kill, spawnRedis } from '../support/processes';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * Nothing accepted is lost (DESIGN §11) when Redis loses its data: the reconcilers' schedule
 * is the worker's own, and Redis coming back triggers a full sweep at once, with the worker
 * never restarted.
 */
describe('nothing lost when Redis loses its data (e2e)', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;

  beforeAll(async () => {
    port = await freePort();
    redis = await spawnRedis(port);
    t = await createTestApp({ clockStart: '2026-11-02T03:00:00.000Z', env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    w = await startTestWorker(t);
    as = await loginAll(t);
  });
  afterAll(async () => {
    await w.close();
    await t.close();
    await kill(redis, 'SIGTERM');
  });

  it('every past-due deadline fires, and every open one has its job again, once Redis returns empty', async () => {
    const sgCa = await authorityId(t, 'SG-CA');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { priority: i % 2 === 0 ? 'URGENT' : 'ROUTINE' }));
      await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
      if (i < 2) await act(t, as.vnOfficer, draft.id, { action: 'send' });
      ids.push(draft.id);
    }
    const sweeps = w.context.get(DeadlineSweeps);
    const reconnected = new Promise<{ deadlineId: string; at: Date }[]>((resolve) =>
      sweeps.loop.onSwept((reason, result) => {
        if (reason === 'reconnect') resolve(result as { deadlineId: string; at: Date }[]);
      }),
    );

    await kill(redis, 'SIGKILL'); // every job gone with it
    t.clock.advance(9 * DAY); // past every REVIEW and ACKNOWLEDGEMENT due time (Deepavali included), while Redis is away
    redis = await spawnRedis(port); // back, empty

    const scheduled = await reconnected;
    const now = t.clock.now().getTime();
    await awaitJobs(w.queue, scheduled.filter((s) => s.at.getTime() <= now).map((s) => deadlineJobId(s.deadlineId, s.at)));

    const open = await t.sql<{ id: string; kind: string; status: string; due_at: Date; scheduled_for: Date | null; request_id: string; escalation_level: number }>(
      `SELECT id, kind, status, due_at, scheduled_for, request_id, escalation_level FROM deadlines
       WHERE request_id = ANY($1) AND status IN ('PENDING','OVERDUE') ORDER BY kind`,
      [ids],
    );
    const pastDue = open.filter((d) => d.due_at.getTime() <= now);
    expect(pastDue.map((d) => d.kind).sort()).toEqual(['ACKNOWLEDGEMENT', 'ACKNOWLEDGEMENT', 'REVIEW', 'REVIEW']);
    for (const d of pastDue) {
      expect(d.status).toBe('OVERDUE');
      const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM request_events WHERE request_id = $1 AND action = 'deadline_overdue'`, [d.request_id]);
      expect(n).toBeGreaterThanOrEqual(1);
    }
    // Every open deadline with an event still to come (a level-2 one has none) has its job in the new Redis.
    const ahead = open.filter((d) => d.escalation_level < 2);
    expect(ahead.length).toBeGreaterThanOrEqual(4);
    for (const d of ahead) {
      expect(d.scheduled_for).not.toBeNull();
      const job = await w.queue.getJob(deadlineJobId(d.id, d.scheduled_for as Date));
      expect(job).toBeTruthy();
    }
  });
});
