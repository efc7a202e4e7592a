import { DataSource } from 'typeorm';
import { seedDemoData } from '../../libs/identity/src/seed/demo-seeder';
import { seedDemoSeals } from '../../libs/seals/src/demo-seals';
import { SealKeyStore } from '../../libs/seals/src/seal-key-store';
import { createReplica, createTestApp, TestApp } from '../support/test-app';
import { authorityId, expectProblem } from '../support/fixtures';

/**
 * The demo seed of a node (DESIGN §15, issue 20): with NODE_COUNTRIES set, only those countries'
 * authorities and people (and the admin) are seeded; the other demo country's authorities come
 * from config/directory.yaml as OFFLINE; no authority of another country is ever LOCAL (the boot
 * refuses a database holding one, the admin API refuses to make one). Unset: the single-node demo.
 */
type Authority = { code: string; country: string; reach: string };
const PASSWORD = 'demo-password-2026';
const LOGINS = ['prosecutor@vn.example', 'officer@vn.example', 'supervisor@vn.example', 'prosecutor@sg.example', 'officer@sg.example', 'supervisor@sg.example', 'admin@example.org'];

async function authorities(t: TestApp): Promise<Map<string, Authority>> {
  const admin = await t.login('admin@example.org');
  const res = await t.http.get('/api/v1/authorities').set('authorization', admin).expect(200);
  return new Map((res.body.items as Authority[]).map((a) => [a.code, a]));
}
const localCodes = async (t: TestApp) => [...(await authorities(t)).values()].filter((a) => a.reach === 'LOCAL').map((a) => a.code).sort();
const users = async (t: TestApp) => (await t.sql<{ email: string }>('SELECT email FROM users ORDER BY email')).map((u) => u.email);
const loginStatus = async (t: TestApp, email: string) => (await t.http.post('/api/v1/auth/login').send({ email, password: PASSWORD })).status;
const hasSeal = async (t: TestApp, code: string) => (await t.app.get(SealKeyStore).info(await authorityId(t, code))) !== null;

describe('the demo seed of a VN node (NODE_COUNTRIES=VN)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_COUNTRIES: 'VN' }, directory: true, demoRequests: true });
  });
  afterAll(() => t.close());

  it('seeds only the VN authorities as LOCAL; the SG central authority is an OFFLINE counterpart from the directory, the other SG offices absent', async () => {
    const all = await authorities(t);
    expect(await localCodes(t)).toEqual(['VN-CA', 'VN-HCM-PROS']);
    expect(all.get('SG-CA')).toMatchObject({ country: 'SG', reach: 'OFFLINE' });
    expect(all.has('SG-PROS')).toBe(false);
    expect(all.has('SG-247')).toBe(false);
    expect(all.get('US-OIA')).toMatchObject({ reach: 'OFFLINE' });
    expect(all.get('KR-MOJ')).toMatchObject({ reach: 'OFFLINE' });
  });

  it('seeds the VN people and the admin only: they sign in, the SG people answer 401', async () => {
    expect(await users(t)).toEqual(['admin@example.org', 'officer@vn.example', 'prosecutor@vn.example', 'supervisor@vn.example']);
    for (const email of ['prosecutor@vn.example', 'officer@vn.example', 'supervisor@vn.example', 'admin@example.org']) expect(await loginStatus(t, email)).toBe(200);
    for (const email of ['officer@sg.example', 'prosecutor@sg.example', 'supervisor@sg.example']) expect(await loginStatus(t, email)).toBe(401);
  });

  it('seals with the VN central authority only, and seeds the demo requests to OFFLINE counterparts (sent under its seal)', async () => {
    expect(await hasSeal(t, 'VN-CA')).toBe(true);
    expect(await hasSeal(t, 'SG-CA')).toBe(false);
    const sent = await t.sql<{ code: string; state: string }>(
      `SELECT a.code, r.state FROM requests r JOIN authorities a ON a.id = r.requested_authority_id ORDER BY a.code, r.state`,
    );
    expect(sent.map((r) => r.code)).toEqual(['KR-MOJ', 'KR-MOJ', 'US-OIA', 'US-OIA']);
  });

  it('lets the VN supervisor read the overdue queue and the VN working calendars', async () => {
    const supervisor = await t.login('supervisor@vn.example');
    await t.http.get('/api/v1/supervision/overdue').set('authorization', supervisor).expect(200);
    const stats = await t.http.get('/api/v1/supervision/stats').set('authorization', supervisor).expect(200);
    expect(JSON.stringify(stats.body)).toContain('US-OIA');
    await t.http.get('/api/v1/countries/VN/calendars').set('authorization', supervisor).expect(200);
  });

  it('refuses, 422, an admin making an SG authority LOCAL here (created or edited); OFFLINE is accepted', async () => {
    const admin = await t.login('admin@example.org');
    const body = { code: 'SG-TEST', name: 'A Singapore office', country: 'SG', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Singapore', language: 'en' };
    const refused = await t.http.post('/api/v1/authorities').set('authorization', admin).send(body);
    expectProblem(refused, 422, 'RULE_VIOLATED');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'reach', rule: 'nodeCountries' })]);
    await t.http.post('/api/v1/authorities').set('authorization', admin).send({ ...body, reach: 'OFFLINE' }).expect(201);
    const edit = await t.http.patch(`/api/v1/authorities/${await authorityId(t, 'SG-CA')}`).set('authorization', admin).send({ reach: 'LOCAL' });
    expectProblem(edit, 422, 'RULE_VIOLATED');
    expect((await authorities(t)).get('SG-CA')?.reach).toBe('OFFLINE');
  });

  it('seeds nothing more when run again (idempotent)', async () => {
    expect(await seedDemoData(t.app.get(DataSource), ['VN'])).toEqual({ authorities: 0, users: 0 });
    expect(await seedDemoSeals(t.app.get(DataSource), t.app.get(SealKeyStore), t.clock.now(), ['VN'])).toBe(0);
  });
});

describe('the demo seed of an SG node (NODE_COUNTRIES=SG)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_COUNTRIES: 'SG' }, directory: true, demoRequests: true });
  });
  afterAll(() => t.close());

  it('seeds only the SG authorities as LOCAL; the VN central authority is an OFFLINE counterpart, the HCM procuracy absent', async () => {
    const all = await authorities(t);
    expect(await localCodes(t)).toEqual(['SG-247', 'SG-CA', 'SG-PROS']);
    expect(all.get('VN-CA')).toMatchObject({ country: 'VN', reach: 'OFFLINE' });
    expect(all.has('VN-HCM-PROS')).toBe(false);
  });

  it('seeds the SG people and the admin only: officer@sg.example signs in, prosecutor@vn.example answers 401', async () => {
    expect(await users(t)).toEqual(['admin@example.org', 'officer@sg.example', 'prosecutor@sg.example', 'supervisor@sg.example']);
    expect(await loginStatus(t, 'officer@sg.example')).toBe(200);
    expect(await loginStatus(t, 'prosecutor@vn.example')).toBe(401);
  });

  it('seals with the SG central authority and 24/7 point, not the VN one; no demo request (they are the VN prosecutor’s)', async () => {
    expect(await hasSeal(t, 'SG-CA')).toBe(true);
    expect(await hasSeal(t, 'SG-247')).toBe(true);
    expect(await hasSeal(t, 'VN-CA')).toBe(false);
    expect(await t.sql('SELECT id FROM requests')).toEqual([]);
  });

  it('lets the SG supervisor read the overdue queue and the SG working calendars, and the SG officer its incoming queue', async () => {
    const supervisor = await t.login('supervisor@sg.example');
    await t.http.get('/api/v1/supervision/overdue').set('authorization', supervisor).expect(200);
    await t.http.get('/api/v1/countries/SG/calendars').set('authorization', supervisor).expect(200);
    await t.http.get('/api/v1/requests').set('authorization', await t.login('officer@sg.example')).expect(200);
  });
});

describe('the single-node demo (NODE_COUNTRIES unset)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ directory: true });
  });
  afterAll(() => t.close());

  it('is unchanged: both countries LOCAL, every demo person signs in', async () => {
    expect(await localCodes(t)).toEqual(['SG-247', 'SG-CA', 'SG-PROS', 'VN-CA', 'VN-HCM-PROS']);
    expect(await users(t)).toEqual([...LOGINS].sort());
    for (const email of LOGINS) expect(await loginStatus(t, email)).toBe(200);
    for (const code of ['VN-CA', 'SG-CA', 'SG-247']) expect(await hasSeal(t, code)).toBe(true);
  });

  it('refuses to boot a VN node on this database, naming the SG authorities that are LOCAL in it', async () => {
    await expect(createReplica(t, { NODE_COUNTRIES: 'VN' })).rejects.toThrow(
      /NODE_COUNTRIES=VN: this database holds LOCAL authorities of other countries: SG-247 \(SG\), SG-CA \(SG\), SG-PROS \(SG\)/,
    );
  });
});
