import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { kill, spawnApi } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

type LogLine = { level: number; msg?: string; err?: { stack?: string }; [key: string]: unknown };

/**
 * One log: everything the API reports goes through pino, as JSON lines on its standard output
 * (read here from the built API run as its own process, LOG_LEVEL=info). A client that gives up
 * in the middle of an upload is the client's doing: a warning without a stack trace, never a
 * level-50 "unexpected error".
 */
describe('the API log (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let api: { child: ChildProcess; base: string };
  const lines: LogLine[] = [];
  const waiters: Array<{ match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }> = [];

  /** Resolves with the first line (already printed or still to come) that `match` accepts. */
  const logLine = (match: (l: LogLine) => boolean) =>
    new Promise<LogLine>((resolve) => {
      const seen = lines.find(match);
      if (seen) resolve(seen);
      else waiters.push({ match, resolve });
    });

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    api = await spawnApi(t.config, { LOG_LEVEL: 'info' });
    let rest = '';
    api.child.stdout?.on('data', (chunk: Buffer) => {
      rest += chunk.toString();
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) {
        if (!text.startsWith('{')) continue;
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        for (const w of waiters.filter((x) => x.match(line))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
  }, 120_000);
  afterAll(async () => {
    if (api) await kill(api.child, 'SIGTERM');
    await t.close();
  });

  it('an upload its client aborts is logged as a warning with no stack trace, not as an unexpected error', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    const file = randomBytes(48 * 1024);
    const query = new URLSearchParams({
      kind: 'COURT_ORDER',
      language: 'vi',
      fileName: 'order.pdf',
      mediaType: 'application/pdf',
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    const path = `/api/v1/requests/${draft.id}/attachments`;
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${api.base}${path}?${query}`, {
        method: 'POST',
        headers: { authorization: as.vnProsecutor, 'content-type': 'application/octet-stream', 'content-length': String(file.length) },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      // A third of the file reaches the server, then the client goes away.
      req.write(file.subarray(0, 16 * 1024), () => req.destroy());
    });

    const aboutIt = (l: LogLine) => JSON.stringify(l).includes(path);
    // The server's account of the aborted upload: what the error handler says, and the request's own line.
    const reported = await logLine((l) => aboutIt(l) && l.level >= 40 && l.msg !== 'request aborted' && l.msg !== 'request errored');
    const finished = await logLine((l) => aboutIt(l) && (l.msg === 'request aborted' || l.msg === 'request errored' || l.msg === 'request completed'));
    for (const line of [reported, finished]) {
      expect(line.level).toBe(40);
      expect(JSON.stringify(line)).not.toMatch(/"stack"/);
    }
    expect(reported.msg).toMatch(/client/i);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);

    // The draft took nothing from the broken upload, and the API goes on serving.
    const list = await t.http.get(path).set('authorization', as.vnProsecutor);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });
});
