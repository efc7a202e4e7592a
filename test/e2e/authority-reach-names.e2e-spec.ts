import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, errorFields, expectProblem, loginAll, UserKey } from '../support/fixtures';

/**
 * Every authority has a reach (DESIGN §14) and its name per language (DESIGN §4): shown by
 * GET /authorities, set by an ADMIN, each bad value refused with a problem naming the field.
 */
describe('authorities: reach and names per language (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.http.post('/api/v1/authorities').set('authorization', as.admin).send(body);
  const base = { country: 'US', kind: 'CENTRAL_AUTHORITY', timezone: 'America/New_York', language: 'en' };

  it('shows the demo authorities as LOCAL, with their names in Vietnamese and English', async () => {
    const res = await t.http.get('/api/v1/authorities').query({ country: 'VN' }).set('authorization', as.vnProsecutor).expect(200);
    const ca = (res.body.items as { code: string; reach: string; names: Record<string, string> }[]).find((a) => a.code === 'VN-CA');
    expect(ca).toMatchObject({ reach: 'LOCAL', names: { vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy of Viet Nam" } });
  });

  it('registers an OFFLINE authority with its names; without names, its one name in its language', async () => {
    const oia = await create({ ...base, code: 'US-OIA', name: 'Office of International Affairs', reach: 'OFFLINE', names: { en: ' Office of International Affairs ', vi: 'Văn phòng Các vấn đề Quốc tế, Bộ Tư pháp Hoa Kỳ' } });
    expect(oia.status).toBe(201);
    expect(oia.body).toMatchObject({ reach: 'OFFLINE', names: { en: 'Office of International Affairs', vi: 'Văn phòng Các vấn đề Quốc tế, Bộ Tư pháp Hoa Kỳ' } });
    const plain = await create({ ...base, code: 'US-247', name: 'US 24/7 contact point', kind: 'CONTACT_POINT_24_7' });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ reach: 'LOCAL', names: { en: 'US 24/7 contact point' } });
    const changed = await t.http.patch(`/api/v1/authorities/${plain.body.id}`).set('authorization', as.admin).send({ reach: 'OFFLINE', names: { en: 'US 24/7', vi: 'Đầu mối 24/7 Hoa Kỳ' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ reach: 'OFFLINE', names: { en: 'US 24/7', vi: 'Đầu mối 24/7 Hoa Kỳ' } });
    const [audit] = await t.sql<{ changes: string[] }>(`SELECT changes FROM admin_audit WHERE target_id = $1 AND action = 'authority.updated'`, [plain.body.id]);
    expect(audit?.changes).toEqual(['reach', 'names']);
  });

  it.each([
    ['not an object', 'the name'],
    ['an array', ['x']],
    ['a bad language key', { english: 'Office' }],
    ['a name too short', { en: 'O' }],
    ['a non-string name', { en: 42 }],
    ['a bidirectional override', { en: 'Office\u202e' }],
  ])('refuses names that are %s (400 naming names)', async (_why, names) => {
    const res = await create({ ...base, code: 'US-BAD', name: 'Bad', names });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(errorFields(res)).toEqual(['names']);
  });

  it('refuses an unknown reach, and null reach or names on a change (400)', async () => {
    const res = await create({ ...base, code: 'US-BAD', name: 'Bad', reach: 'MOON' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(errorFields(res)).toEqual(['reach']);
    const id = await authorityId(t, 'SG-CA');
    for (const body of [{ reach: null }, { names: null }]) {
      expectProblem(await t.http.patch(`/api/v1/authorities/${id}`).set('authorization', as.admin).send(body), 400, 'VALIDATION_FAILED');
    }
  });

  it('lets only an ADMIN set them (403)', async () => {
    const id = await authorityId(t, 'SG-CA');
    expectProblem(await t.http.patch(`/api/v1/authorities/${id}`).set('authorization', as.sgSupervisor).send({ reach: 'OFFLINE' }), 403, 'FORBIDDEN');
  });
});
