import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { authorityId, createUser, expectProblem, loginAll, USERS, UserKey } from '../support/fixtures';

/**
 * Admin actions are audited (DESIGN §2, issue 11 item 4): every creation or change of an
 * authority (its webhook included) or a user writes an append-only audit row in the
 * change's own transaction; a country's supervisors read the rows touching their country
 * (`GET /audit`), never a third country's, and are told when a user who sees requests is
 * created for, or moved into, one of its authorities or has their password reset (issue 22:
 * a new ADMIN is told to, and audited for, every country).
 */
describe('admin audit (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let adminId: string;
  let vnCa: string;
  let sgCa: string;
  let thCa: string;
  let officerId: string;
  const secrets: string[] = [];
  const PASSWORDS = ['first-password-of-the-officer', 'reset-password-of-the-officer'];

  beforeAll(async () => {
    t = await createTestApp();
    w = await startTestWorker(t);
    as = await loginAll(t);
    vnCa = await authorityId(t, 'VN-CA');
    sgCa = await authorityId(t, 'SG-CA');
    [{ id: adminId }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [USERS.admin]);
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  /** Each change a minute after the last: the audit's order is the clock's. */
  const tick = () => t.clock.advance(60_000);
  const auditOf = async (targetId: string) =>
    t.sql<{ action: string; changes: string[]; before: any; after: any; countries: string[]; actor_email: string; actor_user_id: string; created_at: Date }>(
      `SELECT action, changes, before, after, countries, actor_email, actor_user_id, created_at FROM admin_audit WHERE target_id = $1 ORDER BY created_at`,
      [targetId],
    );
  const audit = (who: string, query: Record<string, string | number> = {}) => t.http.get('/api/v1/audit').query(query).set('authorization', who);
  const patchUser = (id: string, body: Record<string, unknown>) => t.http.patch(`/api/v1/users/${id}`).set('authorization', as.admin).send(body);

  it('records an authority created, renamed, its webhook set and cleared: the URL, never the secret', async () => {
    tick();
    const at = t.clock.now().toISOString();
    const created = await t.http
      .post('/api/v1/authorities')
      .set('authorization', as.admin)
      .send({ code: 'TH-CA', name: 'Thai CA', country: 'TH', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Bangkok', language: 'en', webhookUrl: 'https://hooks.th.example/mla' });
    expect(created.status).toBe(201);
    thCa = created.body.id;
    secrets.push(created.body.webhookSecret);
    tick();
    await t.http.patch(`/api/v1/authorities/${thCa}`).set('authorization', as.admin).send({ name: 'Office of the Attorney General' }).expect(200);
    tick();
    secrets.push((await t.http.patch(`/api/v1/authorities/${thCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://hooks2.th.example/mla' }).expect(200)).body.webhookSecret);
    tick();
    secrets.push((await t.http.patch(`/api/v1/authorities/${thCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://hooks2.th.example/mla' }).expect(200)).body.webhookSecret);
    tick();
    await t.http.patch(`/api/v1/authorities/${thCa}`).set('authorization', as.admin).send({ webhookUrl: null }).expect(200);
    tick();
    // No change, no row.
    await t.http.patch(`/api/v1/authorities/${thCa}`).set('authorization', as.admin).send({ name: 'Office of the Attorney General', language: 'en' }).expect(200);
    // Refused changes leave no row.
    expectProblem(
      await t.http.post('/api/v1/authorities').set('authorization', as.admin).send({ code: 'TH-CA', name: 'Dup', country: 'TH', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Bangkok', language: 'en' }),
      409,
      'CONFLICT',
    );

    const rows = await auditOf(thCa);
    expect(rows.map((r) => [r.action, r.changes])).toEqual([
      ['authority.created', ['code', 'name', 'country', 'kind', 'timezone', 'language', 'reach', 'names', 'webhookUrl', 'languages', 'webhookSecret']],
      ['authority.updated', ['name']],
      ['authority.updated', ['webhookUrl', 'webhookSecret']],
      ['authority.updated', ['webhookSecret']],
      ['authority.updated', ['webhookUrl']],
    ]);
    expect(rows[0]).toMatchObject({ actor_user_id: adminId, actor_email: USERS.admin, countries: ['TH'], before: null, after: { code: 'TH-CA', webhookUrl: 'https://hooks.th.example/mla' } });
    expect(rows[0]?.created_at.toISOString()).toBe(at);
    expect(rows[1]).toMatchObject({ before: { name: 'Thai CA' }, after: { name: 'Office of the Attorney General' } });
    expect(rows[4]).toMatchObject({ before: { webhookUrl: 'https://hooks2.th.example/mla' }, after: { webhookUrl: null } });
    const dump = JSON.stringify(await t.sql(`SELECT * FROM admin_audit`));
    expect(dump).not.toContain('whsec_');
    for (const s of secrets) expect(dump).not.toContain(s.slice('whsec_'.length));
  });

  it('records a user created, deactivated, reactivated, given a role, moved to another authority, their password reset: never the password or its hash', async () => {
    tick();
    const created = await createUser(t, as.admin, { email: 'new.officer@vn.example', displayName: 'Phạm Quốc Dũng', role: 'OFFICER', authorityId: vnCa, password: PASSWORDS[0] });
    officerId = created.id;
    for (const change of [{ active: false }, { active: true }, { role: 'SUPERVISOR' }, { authorityId: sgCa }, { password: PASSWORDS[1] }]) {
      tick();
      expect((await patchUser(officerId, change)).status).toBe(200);
    }
    tick();
    // A change to nothing is no change.
    expect((await patchUser(officerId, { active: true })).status).toBe(200);

    const rows = await auditOf(officerId);
    expect(rows.map((r) => [r.action, r.changes, r.countries])).toEqual([
      ['user.created', ['email', 'displayName', 'role', 'authorityId', 'authorityCode', 'country', 'active', 'password'], ['VN']],
      ['user.updated', ['active'], ['VN']],
      ['user.updated', ['active'], ['VN']],
      ['user.updated', ['role'], ['VN']],
      ['user.updated', ['authorityId'], ['SG', 'VN']],
      ['user.updated', ['password'], ['SG']],
    ]);
    expect(rows[0]?.after).toEqual({ email: 'new.officer@vn.example', displayName: 'Phạm Quốc Dũng', role: 'OFFICER', authorityId: vnCa, authorityCode: 'VN-CA', country: 'VN', active: true });
    expect(rows[1]).toMatchObject({ before: { active: true }, after: { active: false } });
    expect(rows[3]).toMatchObject({ before: { role: 'OFFICER' }, after: { role: 'SUPERVISOR' } });
    expect(rows[4]).toMatchObject({ before: { authorityCode: 'VN-CA', country: 'VN' }, after: { authorityId: sgCa, authorityCode: 'SG-CA', country: 'SG' } });
    expect(rows[5]?.before).toEqual(rows[5]?.after);
    const dump = JSON.stringify(await t.sql(`SELECT * FROM admin_audit`));
    for (const p of PASSWORDS) expect(dump).not.toContain(p);
    expect(dump).not.toMatch(/argon2|password_hash|passwordHash/);
  });

  it('tells the country’s supervisors, in their language, when a user who sees requests is created for or moved into one of its authorities, or their password reset', async () => {
    tick();
    await createUser(t, as.admin, { email: 'new.prosecutor@vn.example', role: 'PROSECUTOR', authorityId: await authorityId(t, 'VN-HCM-PROS') });
    await w.deliverAll();
    const inbox = async (who: string) =>
      ((await t.http.get('/api/v1/notifications?limit=100').set('authorization', who)).body.items as { type: string; title: string; body: string; payload: any; requestId: null; occurredAt: string }[])
        .filter((n) => n.type === 'audit.user_assigned')
        // Delivered together (one inbox time): in the order of the changes, newest first.
        .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
    const vn = await inbox(as.vnSupervisor);
    // The prosecutor (issue 22: a PROSECUTOR reads content too); created as OFFICER, reactivated, made SUPERVISOR (all at
    // VN-CA); not the deactivation, nor the move out, nor the password reset once in Singapore.
    expect(vn.map((n) => [n.payload.data.email, n.payload.data.role, n.payload.data.action])).toEqual([
      ['new.prosecutor@vn.example', 'PROSECUTOR', 'user.created'],
      ['new.officer@vn.example', 'SUPERVISOR', 'user.updated'],
      ['new.officer@vn.example', 'OFFICER', 'user.updated'],
      ['new.officer@vn.example', 'OFFICER', 'user.created'],
    ]);
    expect(vn[3]).toMatchObject({ requestId: null, title: 'OFFICER mới tại VN-CA: new.officer@vn.example' });
    expect(vn[3]?.body).toContain('Phạm Quốc Dũng');
    expect(vn[3]?.payload).toMatchObject({ request: null, data: { authorityCode: 'VN-CA', country: 'VN', by: USERS.admin, auditId: expect.any(String) } });
    const sg = await inbox(as.sgSupervisor);
    expect(sg.map((n) => [n.title, n.payload.data.action])).toEqual([['New SUPERVISOR at SG-CA: new.officer@vn.example', 'user.updated']]);
    // The password reset in Singapore is told to Singapore's supervisors, as a reset (issue 22).
    const resets = ((await t.http.get('/api/v1/notifications?limit=100').set('authorization', as.sgSupervisor)).body.items as { type: string; title: string }[]).filter(
      (n) => n.type === 'audit.password_reset',
    );
    expect(resets.map((n) => n.title)).toEqual(['Password reset for new.officer@vn.example (SUPERVISOR at SG-CA)']);
    // Addressed to the supervisors only, not their authority's officers.
    expect(await inbox(as.vnOfficer)).toEqual([]);
    expect(await inbox(as.sgOfficer)).toEqual([]);
  });

  it('serves GET /audit per country: a supervisor reads their country’s rows, newest first; a third country sees nothing of VN or SG', async () => {
    tick();
    const thSupervisor = await createUser(t, as.admin, { email: 'supervisor@th.example', role: 'SUPERVISOR', authorityId: thCa });
    tick();
    const secondAdmin = await createUser(t, as.admin, { email: 'second.admin@example.org', role: 'ADMIN' });
    const th = await t.login(thSupervisor.email);

    const all = async (who: string, query: Record<string, string> = {}) => {
      const items: any[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res: { status: number; body: { items: any[]; nextCursor: string | null } } = await audit(who, { limit: 2, ...query, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        items.push(...res.body.items);
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      return items;
    };
    const vn = await all(as.vnSupervisor);
    const sg = await all(as.sgSupervisor);
    const thRows = await all(th);
    const admin = await all(as.admin);

    expect(vn.length).toBeGreaterThan(0);
    expect(vn.every((r) => r.countries.includes('VN'))).toBe(true);
    expect(sg.every((r) => r.countries.includes('SG'))).toBe(true);
    expect(thRows.every((r) => r.countries.includes('TH'))).toBe(true);
    // A new ADMIN concerns every country (issue 22: once audited with countries: [], seen by no supervisor).
    expect(thRows.map((r) => r.targetId)).toEqual([secondAdmin.id, thSupervisor.id, thCa, thCa, thCa, thCa, thCa]);
    // Every country that has an authority: the demo's OFFLINE counterparts (KR, US) too.
    expect(thRows[0]).toMatchObject({ countries: ['KR', 'SG', 'TH', 'US', 'VN'], after: { email: 'second.admin@example.org', role: 'ADMIN' } });
    expect(JSON.stringify(thRows.slice(1))).not.toMatch(/"VN"|"SG"|vn\.example|sg\.example/);
    expect(vn.map((r) => r.targetId)).not.toContain(thCa);
    // The move from VN-CA to SG-CA touches both countries.
    const move = (rows: any[]) => rows.find((r) => r.targetId === officerId && r.changes.includes('authorityId'));
    expect(move(vn)).toMatchObject({ countries: ['SG', 'VN'], actor: { userId: adminId, email: USERS.admin }, targetType: 'USER', action: 'user.updated' });
    expect(move(sg)).toEqual(move(vn));
    // Newest first, each row once; the admin reads all of them, the ADMIN account's (no country) included.
    for (const rows of [vn, sg, thRows, admin]) {
      const times = rows.map((r) => r.occurredAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    }
    expect(admin).toHaveLength((await t.sql(`SELECT 1 FROM admin_audit`)).length);
    expect(admin[0]).toMatchObject({ action: 'user.created', countries: ['KR', 'SG', 'TH', 'US', 'VN'], after: { email: 'second.admin@example.org', role: 'ADMIN', country: null } });

    // Filters.
    const updates = await all(as.vnSupervisor, { action: 'user.updated' });
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((r) => r.action === 'user.updated' && r.targetType === 'USER')).toBe(true);
    const authorities = await all(th, { targetType: 'AUTHORITY' });
    expect(authorities.map((r) => r.targetId)).toEqual([thCa, thCa, thCa, thCa, thCa]);
    expect((await all(as.sgSupervisor, { targetId: officerId })).map((r) => r.changes)).toEqual([['password'], ['authorityId']]);

    // Nobody else reads it; bad filters answer 400.
    for (const who of ['vnOfficer', 'sgOfficer', 'vnProsecutor', 'sgProsecutor'] as UserKey[]) expectProblem(await audit(as[who]), 403, 'FORBIDDEN');
    expectProblem(await audit(as.vnSupervisor, { action: 'user.deleted' }), 400, 'VALIDATION_FAILED');
    expectProblem(await audit(as.vnSupervisor, { targetType: 'REQUEST' }), 400, 'VALIDATION_FAILED');
    expectProblem(await audit(as.vnSupervisor, { limit: 101 }), 400, 'VALIDATION_FAILED');
    expectProblem(await audit(as.vnSupervisor, { cursor: 'garbled' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http.get('/api/v1/audit'), 401, 'UNAUTHENTICATED');
  });

  it('shows an authority’s webhook URL in the audit only to its own supervisors and admins (as GET /authorities does)', async () => {
    tick();
    const prosSupervisor = await createUser(t, as.admin, { email: 'supervisor.hcm@vn.example', role: 'SUPERVISOR', authorityId: await authorityId(t, 'VN-HCM-PROS') });
    tick();
    await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://hooks.vn.example/mla' }).expect(200);
    const latest = async (who: string) => (await audit(who, { targetId: vnCa, limit: 1 })).body.items[0];
    expect((await latest(as.vnSupervisor)).after).toMatchObject({ webhookUrl: 'https://hooks.vn.example/mla' });
    expect((await latest(as.admin)).after).toMatchObject({ webhookUrl: 'https://hooks.vn.example/mla' });
    const other = await latest(await t.login(prosSupervisor.email));
    expect(other).toMatchObject({ action: 'authority.updated', changes: ['webhookUrl', 'webhookSecret'] });
    expect(other.after).not.toHaveProperty('webhookUrl');
    expect(other.before).not.toHaveProperty('webhookUrl');
    expect(other.after).toMatchObject({ code: 'VN-CA' });
  });

  it('keeps the audit append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.sql(`UPDATE admin_audit SET actor_email = 'someone@else.example'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM admin_audit`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE admin_audit`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE users CASCADE`)).rejects.toThrow(/append-only/);
    expect((await t.sql(`SELECT 1 FROM admin_audit`)).length).toBeGreaterThan(0);
  });

  it('commits a change with its audit row and notifications, or none of them', async () => {
    const victim = await createUser(t, as.admin, { email: 'atomic.officer@vn.example', role: 'OFFICER', authorityId: vnCa });
    const token = await t.login(victim.email);
    const outboxBefore = (await t.sql(`SELECT 1 FROM outbox`)).length;
    await t.sql(`CREATE FUNCTION audit_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`);
    await t.sql(`CREATE TRIGGER admin_audit_unavailable BEFORE INSERT ON admin_audit FOR EACH ROW EXECUTE FUNCTION audit_unavailable()`);
    try {
      tick();
      const res = await patchUser(victim.id, { role: 'SUPERVISOR' });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const created = await t.http
        .post('/api/v1/users')
        .set('authorization', as.admin)
        .send({ email: 'never.created@vn.example', displayName: 'Never', role: 'OFFICER', authorityId: vnCa, password: 'a-long-enough-password' });
      expect(created.status).toBeGreaterThanOrEqual(500);
      const renamed = await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ name: 'Never renamed' });
      expect(renamed.status).toBeGreaterThanOrEqual(500);
    } finally {
      await t.sql(`DROP TRIGGER admin_audit_unavailable ON admin_audit`);
      await t.sql(`DROP FUNCTION audit_unavailable()`);
    }
    const [user] = await t.sql<{ role: string }>(`SELECT role FROM users WHERE id = $1`, [victim.id]);
    expect(user?.role).toBe('OFFICER');
    expect(await t.sql(`SELECT 1 FROM users WHERE email = 'never.created@vn.example'`)).toHaveLength(0);
    expect((await t.sql<{ name: string }>(`SELECT name FROM authorities WHERE id = $1`, [vnCa]))[0]?.name).not.toBe('Never renamed');
    expect((await t.sql(`SELECT 1 FROM outbox`)).length).toBe(outboxBefore);
    // The session was not ended either: the change never happened.
    expect((await t.http.get('/api/v1/me').set('authorization', token)).status).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    expect(Object.keys(doc.paths)).toContain('/api/v1/audit');
  });
});
