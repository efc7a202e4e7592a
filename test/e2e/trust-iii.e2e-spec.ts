import { createHash } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { openSecret, sealSecret } from '../../libs/core/src/crypto/secret-box';
import { WebhookSecretsSealed1765000300000 } from '../../libs/core/src/database/migrations/1765000300000-webhook-secrets-sealed';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { authorityId, completeDraft, createDraft, createUser, errorFields, expectProblem, loginAll, USERS, UserKey } from '../support/fixtures';

/**
 * Issue 22 (Trust III), the findings of items 2, 5, 6 and 7 reproduced: an ADMIN's change
 * that opens a way to content notifies the supervisors concerned; the session row, not the
 * token's claims, says who calls; security headers on every answer; `prototype` refused
 * like every unknown field; bidi and control characters refused in names; webhook ports
 * and errors; webhook secrets encrypted at rest.
 */
describe('trust III (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let vnCa: string;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await startTestWorker(t);
    as = await loginAll(t);
    vnCa = await authorityId(t, 'VN-CA');
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  const tick = () => t.clock.advance(60_000);
  type Notice = { type: string; title: string; body: string; payload: any };
  const inbox = async (who: string): Promise<Notice[]> =>
    ((await t.http.get('/api/v1/notifications?limit=100').set('authorization', who)).body.items as Notice[]).filter((n) => n.type.startsWith('audit.'));

  describe('item 2: no quiet way to content for an ADMIN', () => {
    it('a PROSECUTOR created by an admin notifies the VN supervisors (once nobody)', async () => {
      tick();
      const pros = await createUser(t, as.admin, { email: 'quiet.prosecutor@vn.example', role: 'PROSECUTOR', authorityId: await authorityId(t, 'VN-HCM-PROS') });
      await w.deliverAll();
      const vn = (await inbox(as.vnSupervisor)).filter((n) => n.payload.data.userId === pros.id);
      expect(vn.map((n) => [n.type, n.payload.data.role, n.payload.data.action])).toEqual([['audit.user_assigned', 'PROSECUTOR', 'user.created']]);
      expect((await inbox(as.sgSupervisor)).filter((n) => n.payload.data.userId === pros.id)).toEqual([]);
    });

    it('a password reset of an officer notifies the supervisors of the officer’s country', async () => {
      tick();
      const [{ id: officerId }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [USERS.sgOfficer]);
      const res = await t.http.patch(`/api/v1/users/${officerId}`).set('authorization', as.admin).send({ password: 'a-brand-new-password-2026' });
      expect(res.status).toBe(200);
      await w.deliverAll();
      const sg = (await inbox(as.sgSupervisor)).filter((n) => n.payload.data.userId === officerId);
      expect(sg.map((n) => [n.type, n.payload.data.change])).toEqual([['audit.password_reset', 'password_reset']]);
      expect(sg[0]?.title).toBe('Password reset for officer@sg.example (OFFICER at SG-CA)');
      expect((await inbox(as.vnSupervisor)).filter((n) => n.payload.data.userId === officerId)).toEqual([]);
      const [row] = await t.sql<{ countries: string[]; changes: string[] }>(`SELECT countries, changes FROM admin_audit WHERE target_id = $1 ORDER BY created_at DESC LIMIT 1`, [officerId]);
      expect(row).toEqual({ countries: ['SG'], changes: ['password'] });
    });

    it('a new ADMIN notifies every country’s supervisors and is in every country’s audit (once countries: [])', async () => {
      tick();
      const admin2 = await createUser(t, as.admin, { email: 'second.admin@example.org', role: 'ADMIN' });
      await w.deliverAll();
      for (const who of [as.vnSupervisor, as.sgSupervisor]) {
        const notes = (await inbox(who)).filter((n) => n.payload.data.userId === admin2.id);
        expect(notes.map((n) => [n.type, n.payload.data.role])).toEqual([['audit.admin_granted', 'ADMIN']]);
      }
      const countries = (await t.sql<{ country: string }>(`SELECT DISTINCT country FROM authorities ORDER BY country`)).map((r) => r.country);
      const [row] = await t.sql<{ countries: string[] }>(`SELECT countries FROM admin_audit WHERE target_id = $1`, [admin2.id]);
      expect(row?.countries).toEqual(countries);
      const vnAudit = await t.http.get('/api/v1/audit').query({ targetId: admin2.id }).set('authorization', as.vnSupervisor);
      expect(vnAudit.body.items.map((r: { action: string }) => r.action)).toEqual(['user.created']);
    });
  });

  describe('item 5: the session row is the truth', () => {
    it('an SG supervisor’s token re-signed WITH THE RIGHT SECRET with country=VN cannot read a VN draft', async () => {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      expect((await t.http.get(`/api/v1/requests/${draft.id}`).set('authorization', as.vnSupervisor)).status).toBe(200);
      const token = as.sgSupervisor.slice('Bearer '.length);
      const jwt = new JwtService({ secret: t.config.JWT_SECRET });
      const claims = jwt.decode<Record<string, unknown>>(token);
      const forged = await jwt.signAsync({ ...claims, country: 'VN', authorityCode: 'VN-CA', email: USERS.vnSupervisor });
      expectProblem(await t.http.get(`/api/v1/requests/${draft.id}`).set('authorization', `Bearer ${forged}`), 404, 'NOT_FOUND');
      const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${forged}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email: USERS.sgSupervisor, authority: { id: sgCa, code: 'SG-CA', country: 'SG' } });
    });
  });

  describe('item 6: headers on every answer', () => {
    const expectHardened = (headers: Record<string, string>) => {
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      // No HSTS outside production.
      expect(headers['strict-transport-security']).toBeUndefined();
    };
    it('on /api, /docs, /admin/queues and /health/live', async () => {
      const api = await t.http.get('/api/v1/countries').set('authorization', as.vnProsecutor);
      expect(api.status).toBe(200);
      expectHardened(api.headers);
      expectHardened((await t.http.get('/api/v1/requests/not-a-uuid')).headers);
      const docs = await t.http.get('/docs/');
      expect(docs.status).toBe(200);
      expectHardened(docs.headers);
      const board = await t.http.get('/admin/queues').set('authorization', as.admin);
      expect(board.status).toBe(200);
      expectHardened(board.headers);
      const live = await t.http.get('/health/live');
      expect(live.status).toBe(200);
      expectHardened(live.headers);
      // The API's answers load nothing; the pages load their own scripts only, and the board no web font from Google.
      expect(api.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      for (const page of [docs, board]) expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
      expect(board.text).not.toMatch(/fonts\.googleapis/);
      // The console keeps its own CSP (or its 404 problem without a build).
      expect((await t.http.get('/')).headers['x-frame-options']).toBe('DENY');
    });
  });

  describe('item 7: smaller items', () => {
    it('refuses an unknown field named prototype like every unknown field (once 201 / 200)', async () => {
      const created = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).send({ ...completeDraft(sgCa), prototype: { x: 1 } });
      expectProblem(created, 400, 'VALIDATION_FAILED');
      expect(errorFields(created)).toEqual(['prototype']);
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      const patched = await t.http.patch(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor).set('if-match', `"${draft.version}"`).send({ title: 'x', prototype: 1 });
      expectProblem(patched, 400, 'VALIDATION_FAILED');
      const authority = await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ prototype: 'x' });
      expectProblem(authority, 400, 'VALIDATION_FAILED');
      expect(errorFields(authority)).toEqual(['prototype']);
    });

    it('refuses bidi and control characters in names, naming the field', async () => {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      const bytes = Buffer.from('%PDF-1.4 order');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      for (const fileName of ['order\u202Efdp.exe', 'a\u2066b.pdf', 'a\u200Fb.pdf', 'a\u0085b.pdf', 'a\u009bb.pdf']) {
        const res = await t.http
          .post(`/api/v1/requests/${draft.id}/attachments`)
          .query({ kind: 'COURT_ORDER', language: 'vi', fileName, sha256 })
          .set('authorization', as.vnProsecutor)
          .set('content-type', 'application/octet-stream')
          .send(bytes);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual(['fileName']);
      }
      const user = await t.http.post('/api/v1/users').set('authorization', as.admin).send({ email: 'bidi@vn.example', displayName: 'Evil\u202Enimda', role: 'OFFICER', authorityId: vnCa, password: 'demo-password-2026' });
      expectProblem(user, 400, 'VALIDATION_FAILED');
      expect(errorFields(user)).toEqual(['displayName']);
      const authority = await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ name: 'Central\u202AAuthority' });
      expectProblem(authority, 400, 'VALIDATION_FAILED');
      expect(errorFields(authority)).toEqual(['name']);
      // Letters of any script stay welcome.
      expect((await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ name: 'Cục Hợp tác quốc tế' })).status).toBe(200);
    });

    it('outside production refuses database ports as webhook targets', async () => {
      for (const url of ['http://127.1:5432/', 'http://localhost:6379/', 'http://127.0.0.1:3306/', 'http://127.0.0.1:27017/', 'http://127.0.0.1:9200/', 'http://127.0.0.1:11211/']) {
        t.resolver.set('localhost', ['127.0.0.1']);
        const res = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: url });
        expectProblem(res, 422, 'RULE_VIOLATED');
        expect(errorFields(res)).toEqual(['webhookUrl']);
        expect(res.body.errors[0].message).toMatch(/port/);
      }
      expect((await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: 'http://127.0.0.1:9000/' })).status).toBe(200);
    });

    it('stores webhook signing secrets encrypted (AES-256-GCM), never as sent', async () => {
      const res = await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: 'http://127.0.0.1:9001/' });
      expect(res.status).toBe(200);
      const secret = res.body.webhookSecret as string;
      expect(secret).toMatch(/^whsec_/);
      const [row] = await t.sql<{ webhook_secret: string }>(`SELECT webhook_secret FROM authorities WHERE id = $1`, [sgCa]);
      expect(row?.webhook_secret).toMatch(/^enc1:/);
      expect(row?.webhook_secret).not.toContain(secret.slice('whsec_'.length));
      await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: null }).expect(200);
    });

    it('the migration seals the secrets stored in plain text before it, and the database refuses a plain one after', async () => {
      const q = t.app.get(DataSource).createQueryRunner();
      const migration = new WebhookSecretsSealed1765000300000();
      try {
        const sealed = sealSecret(t.config.webhookSecretKey, 'whsec_c2VhbGVkLWJlZm9yZQ==');
        await t.sql(`UPDATE authorities SET webhook_url = 'http://127.0.0.1:9002/', webhook_secret = $2 WHERE id = $1`, [vnCa, sealed]);
        await migration.down(q);
        const plain = 'whsec_cGxhaW4tdGV4dC1zZWNyZXQtb2YtYW4tb2xkLXJvdw==';
        await t.sql(`UPDATE authorities SET webhook_secret = $2 WHERE id = $1`, [sgCa, plain]);
        expect((await t.sql<{ s: string }>(`SELECT webhook_secret AS s FROM authorities WHERE id = $1`, [vnCa]))[0]?.s).toBe('whsec_c2VhbGVkLWJlZm9yZQ==');
        await migration.up(q);
        const rows = await t.sql<{ id: string; s: string }>(`SELECT id, webhook_secret AS s FROM authorities WHERE webhook_secret IS NOT NULL`);
        expect(rows.every((r) => r.s.startsWith('enc1:'))).toBe(true);
        expect(openSecret(t.config.webhookSecretKey, rows.find((r) => r.id === sgCa)?.s ?? '')).toBe(plain);
        await expect(t.sql(`UPDATE authorities SET webhook_secret = $2 WHERE id = $1`, [sgCa, plain])).rejects.toThrow(/authorities_webhook_secret_sealed/);
      } finally {
        await q.release();
        await t.sql(`UPDATE authorities SET webhook_url = NULL, webhook_secret = NULL WHERE id = ANY($1)`, [[vnCa, sgCa]]);
      }
    });
  });
});
