import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryHolder } from '../../libs/countries/src/directory.provider';
import { DirectoryApplier } from '../../libs/identity/src/authorities/directory-applier';
import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, completeDraft, createDraft, errorFields, expectProblem, loginAll, UserKey } from '../support/fixtures';

/**
 * The directory of authorities (DESIGN §14): config/directory.yaml applied at boot as OFFLINE
 * authorities (a LOCAL one untouched; a later-verified entry only), shown by GET /authorities,
 * added to, edited and retired by an ADMIN (audited), a retired authority chosen for no new request.
 */
describe('the directory of authorities (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  type Authority = Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp({ directory: true, clockStart: '2026-12-10T03:00:00.000Z' });
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  const list = async (country: string, bearer = as.vnProsecutor): Promise<Authority[]> =>
    (await t.http.get('/api/v1/authorities').query({ country }).set('authorization', bearer).expect(200)).body.items as Authority[];
  const byCode = async (code: string): Promise<Authority> => {
    const found = (await list(code.slice(0, 2))).find((a) => a.code === code);
    if (!found) throw new Error(`no ${code}`);
    return found;
  };
  const patch = (id: string, body: Record<string, unknown>, bearer = as.admin) => t.http.patch(`/api/v1/authorities/${id}`).set('authorization', bearer).send(body);
  const audits = (id: string) => t.sql<{ action: string; changes: string[]; actor_email: string }>(`SELECT action, changes, actor_email FROM admin_audit WHERE target_id = $1 ORDER BY created_at, id`, [id]);
  const entries = () => t.app.get(DirectoryHolder).entries();
  const applyAgain = (change: (e: ReturnType<typeof entries>[number]) => Record<string, unknown> = () => ({})) =>
    t.app.get(DirectoryApplier).apply(entries().map((e) => ({ ...e, ...change(e) })), t.clock.now());

  it('loads the directory at boot as OFFLINE authorities, with their names, facts, source and day of verification', async () => {
    const oia = await byCode('US-OIA');
    expect(oia).toMatchObject({
      reach: 'OFFLINE', kind: 'CENTRAL_AUTHORITY', country: 'US', timezone: 'America/New_York', language: 'en', languages: ['en'],
      names: { en: 'U.S. Department of Justice, Criminal Division, Office of International Affairs', vi: 'Văn phòng Các vấn đề Quốc tế, Vụ Hình sự, Bộ Tư pháp Hoa Kỳ' },
      channels: ['EMAIL'], email: null, address: null, lastVerified: '2026-12-06', retiredAt: null, webhookUrl: null,
    });
    expect(oia.source).toContain('https://www.justice.gov/criminal-oia');
    expect(await byCode('KR-MOJ')).toMatchObject({ reach: 'OFFLINE', timezone: 'Asia/Seoul', languages: ['ko'] });
    expect(await byCode('JP-MOJ')).toMatchObject({ reach: 'OFFLINE', email: 'cabiad@i.moj.go.jp', languages: ['ja', 'en'] });
    expect(await byCode('PH-247')).toMatchObject({ reach: 'OFFLINE', kind: 'CONTACT_POINT_24_7', channels: ['NETWORK_24_7'] });
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM authorities WHERE reach = 'OFFLINE'`);
    expect(Number(n)).toBe(entries().length - 2); // every entry but VN-CA and SG-CA, the demo's LOCAL authorities
  });

  it('leaves a LOCAL authority untouched, at boot and on every later application', async () => {
    for (const code of ['VN-CA', 'SG-CA']) {
      expect(await byCode(code)).toMatchObject({ reach: 'LOCAL', source: null, lastVerified: null });
    }
    const applied = await applyAgain((e) => ({ lastVerified: '2026-12-09', names: { ...e.names, en: `${e.names.en} (renamed)` } }));
    expect(applied.local.sort()).toEqual(['SG-CA', 'VN-CA']);
    expect((await byCode('SG-CA')).names.en).toBe("Attorney-General's Chambers, Central Authority");
    expect((await byCode('KR-MOJ')).names.en).toBe('Ministry of Justice of the Republic of Korea, International Criminal Affairs Division (renamed)');
    expect((await applyAgain(() => ({ lastVerified: '2026-12-09' }))).kept).toContain('KR-MOJ'); // verified the same day: kept as it is
    expect((await byCode('KR-MOJ')).names.en).toContain('(renamed)');
  });

  it('lets an ADMIN edit an entry (audited, verified that day), and never undoes the edit with an entry verified earlier', async () => {
    const id = await authorityId(t, 'US-OIA');
    const res = await patch(id, { email: 'oia.test@example.org', address: ' 950 Example Avenue NW, Washington, DC ', channels: ['EMAIL', 'DIPLOMATIC'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'oia.test@example.org', address: '950 Example Avenue NW, Washington, DC', channels: ['EMAIL', 'DIPLOMATIC'], lastVerified: '2026-12-10', reach: 'OFFLINE' });
    const [audit] = (await audits(id)).filter((a) => a.action === 'authority.updated');
    expect(audit).toMatchObject({ actor_email: 'admin@example.org', changes: ['address', 'email', 'channels', 'lastVerified'] });

    const kept = await applyAgain();
    expect(kept.kept).toContain('US-OIA');
    expect(await byCode('US-OIA')).toMatchObject({ email: 'oia.test@example.org', lastVerified: '2026-12-10' });

    const newer = await applyAgain(() => ({ lastVerified: '2026-12-11' }));
    expect(newer.updated).toContain('US-OIA');
    expect(await byCode('US-OIA')).toMatchObject({ email: null, address: null, channels: ['EMAIL'], lastVerified: '2026-12-11', reach: 'OFFLINE' });
  });

  it('lets an ADMIN add an entry with its facts and source (audited)', async () => {
    const res = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send({
      code: 'NZ-CA', name: 'Crown Law Office', country: 'NZ', kind: 'CENTRAL_AUTHORITY', timezone: 'Pacific/Auckland', language: 'en', reach: 'OFFLINE',
      names: { en: 'Crown Law Office', vi: 'Văn phòng Luật Hoàng gia New Zealand' }, languages: ['en'], channels: ['CENTRAL_AUTHORITY_MAIL'],
      source: 'Mutual Assistance in Criminal Matters Act 1992 (New Zealand)', lastVerified: '2026-12-01',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'NZ-CA', reach: 'OFFLINE', channels: ['CENTRAL_AUTHORITY_MAIL'], lastVerified: '2026-12-01', email: null, retiredAt: null });
    const [audit] = await audits(res.body.id);
    expect(audit).toMatchObject({ action: 'authority.created' });
    expect(audit?.changes).toEqual(expect.arrayContaining(['code', 'reach', 'names', 'languages', 'channels', 'source', 'lastVerified']));
    const plain = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send({ code: 'NZ-247', name: 'NZ Police', country: 'NZ', kind: 'CONTACT_POINT_24_7', timezone: 'Pacific/Auckland', language: 'en', source: 'New Zealand Police, 24/7 network' });
    expect(plain.body).toMatchObject({ languages: ['en'], lastVerified: '2026-12-10' });
  });

  it('retires an entry (audited): offered for no new request, its requests kept; and brings it back', async () => {
    const id = await authorityId(t, 'KR-MOJ');
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(id, { legalBasis: 'RECIPROCITY' }));
    const retired = await patch(id, { retired: true });
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).toBe('2026-12-10T03:00:00.000Z');
    expect((await audits(id)).at(-1)).toMatchObject({ action: 'authority.updated', changes: ['retiredAt'] });
    expect((await byCode('KR-MOJ')).retiredAt).toBe('2026-12-10T03:00:00.000Z');

    const refused = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).send(completeDraft(id, { legalBasis: 'RECIPROCITY' }));
    expectProblem(refused, 422, 'RULE_VIOLATED');
    expect(errorFields(refused)).toEqual(['requestedAuthorityId']);
    expect(JSON.stringify(refused.body.errors)).toContain('KR-MOJ is retired from the directory');
    const other = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'JP-MOJ'), { legalBasis: 'RECIPROCITY' }));
    const moved = await t.http.patch(`/api/v1/requests/${other.id}`).set('authorization', as.vnProsecutor).set('if-match', `"${other.version}"`).send({ requestedAuthorityId: id });
    expectProblem(moved, 422, 'RULE_VIOLATED');

    // Its own draft stays, and is still edited.
    const kept = await t.http.patch(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor).set('if-match', `"${draft.version}"`).send({ title: 'Subscriber of the account, still to Korea' });
    expect(kept.status).toBe(200);
    expect(kept.body.requestedAuthority.code).toBe('KR-MOJ');

    // The directory never brings a retired entry back; an admin does.
    await applyAgain(() => ({ lastVerified: '2026-12-10' }));
    expect((await byCode('KR-MOJ')).retiredAt).not.toBeNull();
    const back = await patch(id, { retired: false });
    expect(back.body.retiredAt).toBeNull();
    expect(await createDraft(t, as.vnProsecutor, completeDraft(id, { legalBasis: 'RECIPROCITY' }))).toMatchObject({ state: 'DRAFT' });
  });

  it('lets only an ADMIN add, edit or retire (403)', async () => {
    const id = await authorityId(t, 'US-OIA');
    for (const who of ['vnOfficer', 'vnSupervisor', 'sgProsecutor'] as const) {
      expectProblem(await patch(id, { retired: true }, as[who]), 403, 'FORBIDDEN');
      expectProblem(await patch(id, { email: 'x@example.org' }, as[who]), 403, 'FORBIDDEN');
    }
    expectProblem(await t.http.post('/api/v1/authorities').set('authorization', as.vnOfficer).send({ code: 'NZ-X', name: 'X', country: 'NZ', kind: 'CENTRAL_AUTHORITY', timezone: 'Pacific/Auckland', language: 'en' }), 403, 'FORBIDDEN');
    expect((await byCode('US-OIA')).retiredAt).toBeNull();
  });

  it.each([
    ['an e-mail that is not one', { email: 'oia at doj' }, 'email'],
    ['a channel that is not one', { channels: ['FAX'] }, 'channels'],
    ['a language that is not a code', { languages: ['english'] }, 'languages'],
    ['a channel listed twice', { channels: ['EMAIL', 'EMAIL'] }, 'channels'],
    ['retired that is not a boolean', { retired: 'yes' }, 'retired'],
    ['a day that is not one', { lastVerified: '2026-13-01' }, 'lastVerified'],
    ['a source too short', { source: 'web' }, 'source'],
    ['an address with a bidirectional override', { address: 'Main Street\u202e' }, 'address'],
    ['null languages', { languages: null }, 'languages'],
  ])('refuses %s (400 naming the field)', async (_why, body, field) => {
    const res = await patch(await authorityId(t, 'US-OIA'), body);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(errorFields(res)).toEqual([field]);
  });

  it.each(['languages', 'channels', 'lastVerified', 'names', 'reach'])('refuses a new entry with %s null (400: only address, e-mail, source and webhook may be null)', async (field) => {
    const res = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send({
      code: 'NZ-NULL', name: 'Crown Law Office', country: 'NZ', kind: 'CENTRAL_AUTHORITY', timezone: 'Pacific/Auckland', language: 'en', address: null, email: null, source: null, [field]: null,
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(errorFields(res)).toEqual([field]);
  });

  it.each([
    ['name', 'X'],
    ['kind', 'COURT'],
    ['timezone', 'Mars/Olympus'],
    ['language', 'english'],
    ['email', 'oia at doj'],
    ['channels', ['FAX']],
    ['source', 'web'],
    ['webhookUrl', 'ftp://example.org/hook'],
  ])('checks %s alike on a new entry and on a change (one definition of the fields: 400 naming it)', async (field, value) => {
    const created = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send({
      code: 'NZ-SAME', name: 'Crown Law Office', country: 'NZ', kind: 'CENTRAL_AUTHORITY', timezone: 'Pacific/Auckland', language: 'en', [field]: value,
    });
    const changed = await patch(await authorityId(t, 'US-OIA'), { [field]: value });
    for (const res of [created, changed]) {
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toEqual([field]);
    }
  });

  it.each(['name', 'kind', 'timezone', 'language', 'reach', 'names', 'channels', 'lastVerified', 'retired'])('refuses %s null on a change (400: only address, e-mail, source and webhook may be cleared)', async (field) => {
    const res = await patch(await authorityId(t, 'US-OIA'), { [field]: null });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(errorFields(res)).toEqual([field]);
  });

  it('refuses a day of verification in the future (422) and a day that does not exist (422)', async () => {
    const id = await authorityId(t, 'US-OIA');
    for (const lastVerified of ['2026-12-11', '2026-02-30']) {
      const res = await patch(id, { source: 'U.S. Department of Justice, OIA', lastVerified });
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(errorFields(res)).toEqual(['lastVerified']);
    }
  });
});

describe('directory file at boot (e2e)', () => {
  it('stops the boot on a bad entry, naming the file, the entry and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mla-directory-'));
    const path = join(dir, 'directory.yaml');
    writeFileSync(path, readFileSync('config/directory.yaml', 'utf8').replace('email: cabiad@i.moj.go.jp', 'email: cabiad at moj').replace('timezone: Asia/Seoul', 'timezone: Seoul'));
    // Validated at every boot, whether or not it is applied.
    await expect(createTestApp({ env: { DIRECTORY_PATH: path } })).rejects.toThrow(`${path}: authorities.JP-MOJ.email: "cabiad at moj" is not an e-mail address`);
    await expect(createTestApp({ env: { DIRECTORY_PATH: path }, directory: true })).rejects.toThrow(`${path}: authorities.KR-MOJ.timezone: "Seoul" is not an IANA time zone (e.g. Asia/Singapore)`);
  });
});
