import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, completeDraft, createDraft, expectProblem, loginAll, UserKey } from '../support/fixtures';

/** What a preservation under the Budapest Convention must say (art. 29(2)(c)-(e), config/countries.yaml). */
const BUDAPEST_PRESERVATION = {
  preservationDataRelationship: 'The account’s stored messages of October 2026 show the fraud.',
  custodianOrLocation: 'Held by the provider’s data centre in Manila.',
  preservationNecessity: 'The provider deletes messages after 30 days.',
};

/** A request to the requested authority through the channel, submitted: the answer of submit. */
async function submitted(t: TestApp, bearer: string, body: Record<string, unknown>) {
  const draft = await createDraft(t, bearer, body);
  return t.http.post(`/api/v1/requests/${draft.id}/transitions`).set('authorization', bearer).set('if-match', `"${draft.version}"`).send({ action: 'submit' });
}

/**
 * Channel rules by measure and legal basis (DESIGN §14): the 24/7 network takes a preservation
 * or an emergency under the Budapest Convention where the requested country is a Party; a
 * production goes through the central authority. Submit enforces them (422 naming channel,
 * with the rule's source); GET /countries/:code publishes them for the console.
 */
describe('channel rules (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;

  beforeAll(async () => {
    t = await createTestApp({ directory: true });
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  const toPhilippines = async (overrides: Record<string, unknown>) =>
    completeDraft(await authorityId(t, 'PH-247'), { legalBasis: 'BUDAPEST_CONVENTION', channel: 'NETWORK_24_7', language: 'en', details: {}, ...overrides });

  it('accepts an urgent preservation through the Philippines’ 24/7 contact point under the Convention', async () => {
    const res = await submitted(t, as.vnProsecutor, await toPhilippines({ type: 'PRESERVATION', priority: 'URGENT', details: BUDAPEST_PRESERVATION }));
    expect([res.status, res.body.state]).toEqual([200, 'IN_REVIEW']);
  });

  it('accepts an emergency disclosure through the 24/7 network', async () => {
    const res = await submitted(t, as.vnProsecutor, await toPhilippines({ type: 'SUBSCRIBER_INFO', priority: 'EMERGENCY' }));
    expect([res.status, res.body.state]).toEqual([200, 'IN_REVIEW']);
  });

  it('refuses a production through the 24/7 network: 422 naming channel, with the rules’ source', async () => {
    const res = await submitted(t, as.vnProsecutor, await toPhilippines({ type: 'SUBSCRIBER_INFO', priority: 'ROUTINE' }));
    expectProblem(res, 422, 'REQUEST_INCOMPLETE');
    const errors = res.body.errors as { field: string; message: string; source?: string }[];
    expect(errors.map((e) => e.field)).toEqual(['channel']);
    expect(errors[0]?.message).toContain('Philippines takes requests through NETWORK_24_7 only for type PRESERVATION');
    expect(errors[0]?.message).toContain('use CENTRAL_AUTHORITY');
    expect(errors[0]?.message).toContain('source: Budapest Convention (CETS No. 185) art. 29');
    expect(errors[0]?.source).toContain('art. 35(1)(b)');
    // The same production through the central authority goes.
    const ok = await submitted(t, as.vnProsecutor, completeDraft(await authorityId(t, 'PH-DOJ-OOC'), { legalBasis: 'BUDAPEST_CONVENTION', language: 'en', details: {} }));
    expect(ok.status).toBe(200);
  });

  it('keeps Singapore, which has no sourced 24/7 rule, to its central authority', async () => {
    const res = await submitted(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-247'), { type: 'PRESERVATION', priority: 'EMERGENCY', channel: 'NETWORK_24_7', legalBasis: 'RECIPROCITY' }));
    expectProblem(res, 422, 'REQUEST_INCOMPLETE');
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['channel']);
  });

  it('publishes the rules with their sources, and shows the channel missing on the draft', async () => {
    const ph = await t.http.get('/api/v1/countries/PH').set('authorization', as.vnProsecutor).expect(200);
    expect(ph.body.channelRules).toEqual([
      { channel: 'CENTRAL_AUTHORITY', source: expect.stringContaining('art. 27(2)') },
      { channel: 'NETWORK_24_7', types: ['PRESERVATION'], legalBases: ['BUDAPEST_CONVENTION'], source: expect.stringContaining('art. 29') },
      { channel: 'NETWORK_24_7', priorities: ['EMERGENCY'], legalBases: ['BUDAPEST_CONVENTION'], source: expect.stringContaining('art. 25(3)') },
    ]);
    const draft = await createDraft(t, as.vnProsecutor, await toPhilippines({ type: 'CONTENT_DATA' }));
    expect(draft.missing).toContain('channel');
  });
});

describe('channel rules from the countries file (e2e)', () => {
  let t: TestApp;

  afterAll(() => t?.close());

  it('lets an urgent preservation reach SG-247 once the file gives Singapore a 24/7 rule, and refuses a production there', async () => {
    // A file that gives Singapore a 24/7 rule for preservation (a test fixture: no source was found
    // that Singapore takes one, so the shipped file does not).
    const dir = mkdtempSync(join(tmpdir(), 'mla-channel-rules-'));
    const path = join(dir, 'countries.yaml');
    const rules = [
      '    channels: [CENTRAL_AUTHORITY, NETWORK_24_7]',
      '    channelRules:',
      '      - { channel: CENTRAL_AUTHORITY, source: "Test fixture: MACMA 2000 (Singapore) s. 19(1)" }',
      '      - { channel: NETWORK_24_7, types: [PRESERVATION], priorities: [URGENT, EMERGENCY], source: "Test fixture: a 24/7 rule for preservation" }',
    ].join('\n');
    const text = readFileSync('config/countries.yaml', 'utf8');
    const sg = text.indexOf('  SG:\n');
    writeFileSync(path, text.slice(0, sg) + text.slice(sg).replace('    channels: [CENTRAL_AUTHORITY]', rules));
    t = await createTestApp({ env: { COUNTRIES_PATH: path } });
    const as = await loginAll(t);
    const sg247 = await authorityId(t, 'SG-247');

    const preservation = await submitted(t, as.vnProsecutor, completeDraft(sg247, { type: 'PRESERVATION', priority: 'URGENT', channel: 'NETWORK_24_7', legalBasis: 'RECIPROCITY' }));
    expect([preservation.status, preservation.body.state]).toEqual([200, 'IN_REVIEW']);

    const production = await submitted(t, as.vnProsecutor, completeDraft(sg247, { type: 'SUBSCRIBER_INFO', priority: 'URGENT', channel: 'NETWORK_24_7', legalBasis: 'RECIPROCITY' }));
    expectProblem(production, 422, 'REQUEST_INCOMPLETE');
    expect(production.body.errors).toEqual([
      expect.objectContaining({ field: 'channel', message: expect.stringContaining('source: Test fixture: a 24/7 rule for preservation'), source: 'Test fixture: a 24/7 rule for preservation' }),
    ]);
  });
});
