import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

/** GET /countries and /countries/:code (DESIGN §4): what each requested country requires, with sources. */
describe('countries (e2e)', () => {
  let t: TestApp;
  let prosecutor: string;

  beforeAll(async () => {
    t = await createTestApp();
    prosecutor = await t.login('prosecutor@vn.example');
  });
  afterAll(() => t?.close());

  it('requires a bearer token', async () => {
    for (const path of ['/api/v1/countries', '/api/v1/countries/SG']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lists every country of the file, the ten ASEAN member states among them', async () => {
    const res = await t.http.get('/api/v1/countries').set('authorization', prosecutor);
    expect(res.status).toBe(200);
    const codes = (res.body.items as { code: string }[]).map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'AU', 'CN', 'JP', 'KR', 'US']));
  });

  it("answers Singapore's requirements with the source of every fact", async () => {
    const officer = await t.login('officer@sg.example');
    const res = await t.http.get('/api/v1/countries/SG').set('authorization', officer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'SG',
      name: 'Singapore',
      languages: ['en'],
      translationRequired: true,
      channels: ['CENTRAL_AUTHORITY'],
      legalBases: ['ASEAN_MLAT_2004', 'BILATERAL_TREATY', 'RECIPROCITY'],
      sources: {
        languages: expect.stringContaining('ASEAN MLAT 2004 art. 5'),
        channels: expect.stringContaining('s. 19(1)'),
        legalBases: expect.stringContaining('s. 16'),
      },
    });
    const link = res.body.requiredDetails.find((d: { key: string }) => d.key === 'offenceMeasureLink');
    expect(link).toEqual({
      key: 'offenceMeasureLink',
      label: { en: expect.any(String), vi: expect.stringMatching(/tội phạm/) },
      appliesTo: { types: ['SUBSCRIBER_INFO', 'TRAFFIC_DATA', 'CONTENT_DATA'] },
      source: expect.stringContaining('s. 22(4)'),
    });
  });

  it('leaves out the facts it has no source for', async () => {
    const res = await t.http.get('/api/v1/countries/kr').set('authorization', prosecutor);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 'KR', name: 'Republic of Korea', requiredDetails: [], sources: {} });
  });

  it('answers 404 for a country the file does not list, 400 for a code that is not two letters', async () => {
    const unknown = await t.http.get('/api/v1/countries/FR').set('authorization', prosecutor);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Country FR was not found' });
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    for (const bad of ['SGP', 'S1', '%20%20']) {
      const res = await t.http.get(`/api/v1/countries/${bad}`).set('authorization', prosecutor);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });
});

describe('countries file at boot (e2e)', () => {
  it('stops the boot on a bad entry, naming the file and the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mla-countries-'));
    const path = join(dir, 'countries.yaml');
    writeFileSync(path, readFileSync('config/countries.yaml', 'utf8').replace('name: Singapore\n    centralAuthority', 'name: Singapore\n    languages_: [en]\n    centralAuthority').replace('languages: [vi, en]', 'languages: [vietnamese, en]'));
    await expect(createTestApp({ env: { COUNTRIES_PATH: path } })).rejects.toThrow(`${path}: countries.SG.languages_: unknown key`);
    await expect(createTestApp({ env: { COUNTRIES_PATH: path } })).rejects.toThrow(`${path}: countries.VN.languages[0]: "vietnamese" is not an ISO 639-1 code`);
  });

  it('stops the boot on a bad working calendar, naming the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mla-calendars-'));
    const path = join(dir, 'working-calendars.yaml');
    writeFileSync(path, readFileSync('config/working-calendars.yaml', 'utf8').replace('date: 2026-01-10', 'date: 2026-01-12'));
    await expect(createTestApp({ env: { WORKING_CALENDARS_PATH: path } })).rejects.toThrow(
      `${path}: calendars.VN.2026.makeUpWorkingDays[0]: 2026-01-12 is a weekday: a make-up working day is a Saturday or a Sunday`,
    );
  });
});
