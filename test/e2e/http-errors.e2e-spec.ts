import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { authorityId, completeDraft, createDraft, errorFields, expectProblem, loginAll, UserKey, walkTo } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Errors raised before any route runs, by Fastify or by Node's HTTP parser, answer a
 * problem body like every other error (issue 10, item 3), over a real socket; and the input
 * classes that answered 500 before: deep JSON, ISO 8601 forms Date or PostgreSQL cannot
 * store, forged cursors, PATCH null on a required field, prototype-named fields.
 */
describe('HTTP-level errors and hostile input (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** One raw HTTP/1.1 exchange (what supertest would refuse to send). */
  function raw(text: string): Promise<{ status: number; headers: Record<string, string>; body: any }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(text));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', ...rest] = data.split('\r\n\r\n');
        const [statusLine = '', ...lines] = head.split('\r\n');
        const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        const body = rest.join('\r\n\r\n');
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : null });
      });
    });
  }

  function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string>; body: any }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: data ? JSON.parse(data) : null }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  const problemOf = (res: { status: number; headers: Record<string, string>; body: any }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String), requestId: expect.any(String) });
  };

  describe('before any route runs', () => {
    it('headers over the limit: 431 HEADERS_TOO_LARGE', async () => {
      problemOf(await raw(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), 431, 'HEADERS_TOO_LARGE');
    });

    it('a URL over the limit: 431 HEADERS_TOO_LARGE (the request line counts)', async () => {
      problemOf(await raw(`GET /api/v1/requests?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431, 'HEADERS_TOO_LARGE');
    });

    it('a request Node cannot parse: 400 VALIDATION_FAILED', async () => {
      problemOf(await raw(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`), 400, 'VALIDATION_FAILED');
    });

    it('a malformed percent-encoding in the path: 400 VALIDATION_FAILED', async () => {
      for (const path of ['/api/v1/requests/%zz', '/api/v1/requests/%E0%A4%A', '/api/v1/users/%']) {
        problemOf(await get(path, { authorization: as.admin }), 400, 'VALIDATION_FAILED');
      }
    });

    it('a path parameter over 200 characters: 414 URI_TOO_LONG', async () => {
      problemOf(await get(`/api/v1/requests/${'a'.repeat(201)}`, { authorization: as.vnProsecutor }), 414, 'URI_TOO_LONG');
    });

    it('a path parameter over 200 characters as sent (percent-encoded, fewer once decoded): 414 URI_TOO_LONG, also with an Idempotency-Key', async () => {
      const long = `/api/v1/requests/${'%F0%9F%98%80'.repeat(50)}/transitions`;
      const res = await t.http.post(long).set('authorization', as.sgOfficer).set('idempotency-key', 'k-long-path').send({ action: 'acknowledge' });
      problemOf(res, 414, 'URI_TOO_LONG');
      problemOf(await get(`/api/v1/requests/${'%C3%9F'.repeat(34)}`, { authorization: as.vnProsecutor }), 414, 'URI_TOO_LONG');
      // Within the limit as sent: an ordinary 404.
      expect((await get(`/api/v1/requests/${'%C3%9F'.repeat(33)}`, { authorization: as.vnProsecutor })).status).toBe(404);
    });
  });

  describe('bodies', () => {
    const post = (path: string, contentType: string, body: string | Buffer) =>
      t.http.post(path).set('authorization', as.admin).set('content-type', contentType).send(body);

    it('answers 415 to every media type but JSON (forms included), 413 beyond the size limit, 400 to bad or empty JSON', async () => {
      for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/merge-patch+json']) {
        expectProblem(await post('/api/v1/users', type, 'email=a@b.example'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      expectProblem(await post('/api/v1/users', 'application/json', `{"a":"${'x'.repeat(t.config.BODY_LIMIT_BYTES)}"}`), 413, 'PAYLOAD_TOO_LARGE');
      for (const body of ['{', '{"a":1,}', "{'a':1}", '{"a":NaN}', '[1,2']) expectProblem(await post('/api/v1/users', 'application/json', body), 400, 'VALIDATION_FAILED');
      const empty = await t.http.post('/api/v1/users').set('authorization', as.admin).set('content-type', 'application/json').send('');
      expectProblem(empty, 400, 'VALIDATION_FAILED');
    });

    it('answers 400 to JSON nested beyond BODY_MAX_DEPTH, even thousands of levels deep in a field (once 500)', async () => {
      const deep = (n: number) => `{"email":${'['.repeat(n)}${']'.repeat(n)},"password":"x"}`;
      for (const n of [33, 5_000, 100_000]) {
        const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(deep(n));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual(['body']);
      }
      const objects = `{"title":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
      expectProblem(await post('/api/v1/requests', 'application/json', objects), 400, 'VALIDATION_FAILED');
      // Within the bound, nesting is judged by the DTO as usual.
      expectProblem(await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(deep(20)), 400, 'VALIDATION_FAILED');
    });

    it('rejects fields named like Object.prototype members as unknown, at any level (once silently accepted)', async () => {
      for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
        const res = await post('/api/v1/auth/login', 'application/json', `{"email":"a@b.example","password":"x","${name}":{"x":1}}`);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual([name]);
      }
      const sgCa = await authorityId(t, 'SG-CA');
      const nested = await t.http
        .post('/api/v1/requests')
        .set('authorization', as.vnProsecutor)
        .send(completeDraft(sgCa, { offence: { description: 'x', provision: 'y', toString: 'z' } }));
      expectProblem(nested, 400, 'VALIDATION_FAILED');
      expect(errorFields(nested)).toEqual(['offence.toString']);
      const query = await t.http.get('/api/v1/requests?constructor=1').set('authorization', as.vnProsecutor);
      expectProblem(query, 400, 'VALIDATION_FAILED');
    });
  });

  describe('dates: exactly the forms that can be stored (once 500)', () => {
    const FORMS_REFUSED = ['2026', '2026-03', '2026-W05', '2026-W05-3', '2026-032', '20260301', '20260301T100000Z', '+012026-03-01', '0000-01-01', '9999-12-31T23:00:00-05:00', '2026-02-30', '2026-03-01T24:00:00Z', '2026-12-31T23:59:60Z'];

    it('neededBy of a draft (a PostgreSQL date)', async () => {
      const sgCa = await authorityId(t, 'SG-CA');
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      for (const neededBy of FORMS_REFUSED) {
        const res = await t.http.patch(`/api/v1/requests/${draft.id as string}`).set('authorization', as.vnProsecutor).send({ neededBy });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual(['neededBy']);
        expect(res.body.errors[0].message).toMatch(/YYYY-MM-DD/);
      }
      expect((await t.http.patch(`/api/v1/requests/${draft.id as string}`).set('authorization', as.vnProsecutor).send({ neededBy: '2026-12-15' })).status).toBe(200);
    });

    it('preservedUntil, expectedBy, dueAt and the statistics window', async () => {
      const preserved = await walkTo(t, as, 'PRESERVED');
      const executing = await walkTo(t, as, 'IN_EXECUTION');
      for (const form of FORMS_REFUSED) {
        const extend = await t.http.post(`/api/v1/requests/${preserved.id as string}/transitions`).set('authorization', as.sgOfficer).send({ action: 'extend_preservation', preservedUntil: form });
        expectProblem(extend, 400, 'VALIDATION_FAILED');
        const delay = await t.http.post(`/api/v1/requests/${executing.id as string}/transitions`).set('authorization', as.sgOfficer).send({ action: 'report_delay', reason: 'x', expectedBy: form });
        expectProblem(delay, 400, 'VALIDATION_FAILED');
        const deadline = (executing.deadlines as { id: string }[])[0] as { id: string };
        const moved = await t.http
          .post(`/api/v1/requests/${executing.id as string}/deadlines/${deadline.id}/extensions`)
          .set('authorization', as.sgSupervisor)
          .send({ dueAt: form, reason: 'more time' });
        expectProblem(moved, 400, 'VALIDATION_FAILED');
        const stats = await t.http.get(`/api/v1/supervision/stats?from=${encodeURIComponent(form)}&to=2026-06-01`).set('authorization', as.vnSupervisor);
        expectProblem(stats, 400, 'VALIDATION_FAILED');
        expect(errorFields(stats)).toEqual(['from']);
      }
      // A local date-time (no offset) is not an instant for preservedUntil: refused rather than read in the server's zone.
      expectProblem(
        await t.http.post(`/api/v1/requests/${preserved.id as string}/transitions`).set('authorization', as.sgOfficer).send({ action: 'extend_preservation', preservedUntil: '2027-01-20T10:00:00' }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('cursors: fully validated before any query (once 500)', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const forged = [
      b64('2026|7d3f1c52-0000-4000-8000-000000000000'),
      b64('2026-02-30T10:00:00.000Z|7d3f1c52-0000-4000-8000-000000000000'),
      b64('+275760-09-13T00:00:00.000Z|7d3f1c52-0000-4000-8000-000000000000'),
      b64('Tue Mar 01 2026|7d3f1c52-0000-4000-8000-000000000000'),
      b64('2026-03-01T10:00:00.000Z|not-a-uuid'),
      b64('2026-03-01T10:00:00.000Z|7d3f1c52-0000-4000-8000-000000000000|x'),
      'garbage!!',
      '%E0%A4%A',
      'a'.repeat(200),
    ];

    it('users, requests, notifications, deliveries, overdue and events answer 400 naming cursor', async () => {
      const sgCa = await authorityId(t, 'SG-CA');
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      const lists: [string, string][] = [
        ['admin', '/api/v1/users'],
        ['vnProsecutor', '/api/v1/requests'],
        ['vnProsecutor', '/api/v1/notifications'],
        ['vnSupervisor', `/api/v1/authorities/${await authorityId(t, 'VN-CA')}/webhook-deliveries`],
        ['vnSupervisor', '/api/v1/supervision/overdue'],
        ['vnProsecutor', `/api/v1/requests/${draft.id as string}/events`],
      ];
      for (const [who, path] of lists) {
        for (const cursor of [...forged, b64('2026-03-01T10:00:00.000000Z|x'), '99999999999']) {
          const res = await t.http.get(`${path}?cursor=${encodeURIComponent(cursor)}`).set('authorization', as[who as UserKey]);
          expectProblem(res, 400, 'VALIDATION_FAILED');
          expect(errorFields(res)).toEqual(['cursor']);
        }
      }
    });
  });

  describe('PATCH null on a field that always has a value (once 500)', () => {
    it('answers 400 naming the field', async () => {
      const vnCa = await authorityId(t, 'VN-CA');
      for (const field of ['name', 'kind', 'timezone', 'language']) {
        const res = await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ [field]: null });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual([field]);
      }
      // null still removes the webhook, which may be absent.
      expect((await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: null })).status).toBe(200);
      const executing = await walkTo(t, as, 'SENT');
      for (const body of [{ action: 'acknowledge', assigneeId: null }, { action: 'acknowledge', note: null }]) {
        const res = await t.http.post(`/api/v1/requests/${executing.id as string}/transitions`).set('authorization', as.sgOfficer).send(body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
      }
    });
  });
});
