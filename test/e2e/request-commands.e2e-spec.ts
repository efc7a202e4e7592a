import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../libs/core/src';
import type { Principal } from '../../libs/identity/src';
import { REQUEST_FIELDS, type RequestFieldName } from '../../libs/requests/src/domain/request-fields';
import { RequestCommands, RequestsRepository } from '../../libs/requests/src';
import type { CreateInput } from '../../libs/requests/src/domain/actions';
import { authorityId, completeDraft, USERS } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * RequestCommands on its own (no HTTP): creation as a command of the pipeline, one writer of
 * a request's history, the order of the checks, and the descriptor of a request's fields
 * against the migrated schema.
 */
describe('RequestCommands (against the real database)', () => {
  let t: TestApp;
  let commands: RequestCommands;
  let requests: RequestsRepository;
  let sgCa: string;
  const as: Record<'vnProsecutor' | 'vnOfficer' | 'sgOfficer' | 'sgProsecutor', Principal> = {} as never;

  async function principal(email: string): Promise<Principal> {
    const [p] = await t.sql<Principal>(
      `SELECT u.id AS "userId", u.email, u.role, u.authority_id AS "authorityId", a.code AS "authorityCode", a.country
       FROM users u JOIN authorities a ON a.id = u.authority_id WHERE u.email = $1`,
      [email],
    );
    if (!p) throw new Error(`no user ${email}`);
    return p;
  }

  const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof AppException ? e.code : String(e)));
  const draft = (overrides: Record<string, unknown> = {}) => completeDraft(sgCa, overrides) as unknown as CreateInput;
  const events = (id: string) =>
    t.sql<{ seq: number; action: string; from_state: string | null; to_state: string; prev_hash: string | null; hash: string }>(
      'SELECT seq, action, from_state, to_state, prev_hash, hash FROM request_events WHERE request_id = $1 ORDER BY seq',
      [id],
    );

  beforeAll(async () => {
    t = await createTestApp();
    commands = t.app.get(RequestCommands);
    requests = t.app.get(RequestsRepository);
    sgCa = await authorityId(t, 'SG-CA');
    as.vnProsecutor = await principal(USERS.vnProsecutor);
    as.vnOfficer = await principal(USERS.vnOfficer);
    as.sgOfficer = await principal(USERS.sgOfficer);
    as.sgProsecutor = await principal(USERS.sgProsecutor);
  }, 120_000);
  afterAll(() => t?.close());

  it('every field of the descriptor is a column of the migrated requests table, of its type, and every column has its field', async () => {
    const columns = await t.sql<{ column_name: string; udt_name: string }>(
      `SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'requests'`,
    );
    const migrated = new Map(columns.map((c) => [c.column_name, c.udt_name]));
    const described = Object.entries(REQUEST_FIELDS).map(([name, f]) => [name, f.column, f.type] as const);
    for (const [name, column, type] of described) expect({ name, column, type: migrated.get(column) }).toEqual({ name, column, type });
    expect([...migrated.keys()].sort()).toEqual(described.map(([, column]) => column).sort());
  });

  it('create: a DRAFT at version 1 whose first event (seq 1, no previous state) starts the chain; the row answered is the row read', async () => {
    const { row, event, deadlines, skipped } = await commands.create(as.vnProsecutor, draft({ priority: undefined, measures: undefined }));
    expect({ skipped, deadlines }).toEqual({ skipped: false, deadlines: [] });
    expect(row).toMatchObject({ state: 'DRAFT', version: 1, eventSeq: 1, priority: 'ROUTINE', measures: [], preservationExtensions: 0, deliveryCount: 0 });
    expect(row.reference).toMatch(/^VN-\d{4}-\d{6}$/);
    expect(row.deadlineOutcomes).toEqual(new Array(18).fill(0));
    expect(await requests.findRow(null, row.id)).toEqual(row);
    const [first, ...rest] = await events(row.id);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ seq: 1, action: 'create', from_state: null, to_state: 'DRAFT', prev_hash: null, hash: event?.hash });
    expect(row.lastEventHash).toBe(event?.hash);
  });

  it('create: each unset draft field takes its descriptor value; the language is the requesting authority’s', async () => {
    const { row } = await commands.create(as.vnProsecutor, { type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa });
    const initial = (name: RequestFieldName) => REQUEST_FIELDS[name].initial();
    for (const name of ['title', 'offence', 'facts', 'treatyName', 'relatedRequestId', 'neededBy', 'measures', 'identifiers', 'details', 'confidential', 'channel'] as const) {
      expect({ name, value: row[name] }).toEqual({ name, value: initial(name) });
    }
    expect(row.language).toBe('vi');
  });

  it('create: refuses what its rule refuses, and writes nothing', async () => {
    const [{ n: before }] = (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM requests')) as [{ n: number }];
    const vnCa = await authorityId(t, 'VN-CA');
    expect(await code(commands.create(as.vnProsecutor, draft({ requestedAuthorityId: vnCa })))).toBe('RULE_VIOLATED');
    expect(await code(commands.create(as.vnProsecutor, draft({ relatedRequestId: '00000000-0000-4000-8000-000000000000' })))).toBe('RULE_VIOLATED');
    expect(await t.sql('SELECT count(*)::int AS n FROM requests')).toEqual([{ n: before }]);
  });

  it('one writer of history: create, edit, submit and send append events 1..4, each sealing the one before; the letter names send’s seq', async () => {
    const { row } = await commands.create(as.vnProsecutor, draft());
    const edited = await commands.run(as.vnProsecutor, row.id, { name: 'edit', input: { title: 'Subscriber of account X' } }, { expectedVersion: 1 });
    expect(edited.row).toMatchObject({ title: 'Subscriber of account X', version: 2, eventSeq: 2 });
    await commands.run(as.vnProsecutor, row.id, { name: 'submit', input: {} });
    const sent = await commands.run(as.vnOfficer, row.id, { name: 'send', input: {} });
    expect(sent.row).toMatchObject({ state: 'SENT', version: 4, eventSeq: 4 });
    const chain = await events(row.id);
    expect(chain.map((e) => [e.seq, e.action])).toEqual([[1, 'create'], [2, 'edit'], [3, 'submit'], [4, 'send']]);
    chain.forEach((e, i) => expect(e.prev_hash).toBe(i === 0 ? null : chain[i - 1]?.hash));
    expect(sent.event).toMatchObject({ seq: 4, prevHash: chain[2]?.hash, hash: chain[3]?.hash });
    expect(await t.sql('SELECT event_seq AS "eventSeq" FROM request_letters WHERE request_id = $1', [row.id])).toEqual([{ eventSeq: 4 }]);
  });

  it('checks in order: 404 for a caller who may not see it, 403 before 412, 412 before 409, 409 before 422', async () => {
    const { row } = await commands.create(as.vnProsecutor, draft());
    expect(await code(commands.run(as.sgProsecutor, row.id, { name: 'submit', input: {} }))).toBe('NOT_FOUND');
    expect(await code(commands.run(as.vnOfficer, row.id, { name: 'edit', input: { title: 'x' } }, { expectedVersion: 9 }))).toBe('NOT_FOUND');
    expect(await code(commands.run(as.vnProsecutor, row.id, { name: 'send', input: {} }, { expectedVersion: 9 }))).toBe('FORBIDDEN');
    expect(await code(commands.run(as.vnProsecutor, row.id, { name: 'close', input: { outcome: 'x' } }, { expectedVersion: 9 }))).toBe('VERSION_CONFLICT');
    expect(await code(commands.run(as.vnProsecutor, row.id, { name: 'close', input: { outcome: '' } }))).toBe('INVALID_TRANSITION');
    expect(await code(commands.run(as.vnProsecutor, row.id, { name: 'withdraw', input: { reason: '' } }))).toBe('INVALID_TRANSITION');
    const incomplete = await commands.create(as.vnProsecutor, draft({ title: null, facts: null }));
    const refused = await commands.run(as.vnProsecutor, incomplete.row.id, { name: 'submit', input: {} }).catch((e: AppException) => e);
    expect(refused).toMatchObject({ code: 'REQUEST_INCOMPLETE' });
    expect((refused as AppException).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['title', 'facts']));
    expect(await requests.findRow(null, incomplete.row.id)).toMatchObject({ state: 'DRAFT', version: 1, eventSeq: 1 });
  });

  it('precheck refuses without a lock (404, 412, 409) and answers the row; runIn refuses a command with deadline effects', async () => {
    const { row } = await commands.create(as.vnProsecutor, draft());
    await expect(commands.precheck(as.vnProsecutor, row.id, 'attach', 1)).resolves.toMatchObject({ id: row.id, version: 1 });
    expect(await code(commands.precheck(as.sgOfficer, row.id, 'attach'))).toBe('NOT_FOUND');
    expect(await code(commands.precheck(as.vnProsecutor, row.id, 'attach', 2))).toBe('VERSION_CONFLICT');
    expect(await code(commands.precheck(as.vnProsecutor, row.id, 'close'))).toBe('INVALID_TRANSITION');
    const submitIn = (m: EntityManager) => commands.runIn(m, as.vnProsecutor, row.id, { name: 'submit', input: {} });
    await expect(t.app.get(DataSource).transaction(submitIn)).rejects.toThrow(/changes deadlines/);
    expect(await requests.findRow(null, row.id)).toMatchObject({ state: 'DRAFT', version: 1 });
  });

  it('a command that only applies from some states does nothing elsewhere (skipUnlessFrom), writing nothing', async () => {
    const { row } = await commands.create(as.vnProsecutor, draft());
    const result = await commands.run(null, row.id, { name: 'follow_up_sent', input: { followUpRequestId: row.id, followUpReference: row.reference } });
    expect(result).toMatchObject({ skipped: true, event: null, row: { version: 1 } });
    expect(await events(row.id)).toHaveLength(1);
  });

  it('a rule’s refusal writes nothing (an assignee of another authority)', async () => {
    const { row } = await commands.create(as.vnProsecutor, draft());
    await commands.run(as.vnProsecutor, row.id, { name: 'submit', input: {} });
    await commands.run(as.vnOfficer, row.id, { name: 'send', input: {} });
    expect(await code(commands.run(as.sgOfficer, row.id, { name: 'acknowledge', input: { assigneeId: as.vnOfficer.userId } }))).toBe('RULE_VIOLATED');
    expect(await requests.findRow(null, row.id)).toMatchObject({ state: 'SENT', version: 3, assigneeId: null });
    const acknowledged = await commands.run(as.sgOfficer, row.id, { name: 'acknowledge', input: { assigneeId: as.sgOfficer.userId } });
    expect(acknowledged.row).toMatchObject({ state: 'ACKNOWLEDGED', assigneeId: as.sgOfficer.userId, eventSeq: 5 });
    expect((await events(row.id)).map((e) => e.action).slice(-2)).toEqual(['acknowledge', 'assign']);
  });
});
