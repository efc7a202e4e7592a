import { Client } from 'pg';
import { TEST_PG_ADMIN_URL } from '../support/test-env';
import { DEMO_PASSWORD, Nodes, RunningNode, startNodes, startTwoNodes } from '../support/two-nodes';

/**
 * Two real nodes on one machine (DESIGN §15, issue 20): a VN node and an SG node, each with its
 * own API and worker processes, database, queue prefix, port and key file. Each node's demo
 * people sign in on their node only, and each lists only its own country's authorities as LOCAL.
 * One pair for the whole file (starting it is most of the file's time).
 */
describe('two nodes on one machine (e2e)', () => {
  let pair: Nodes & { vn: RunningNode; sg: RunningNode };

  beforeAll(async () => {
    pair = await startTwoNodes();
  }, 120_000);
  afterAll(() => pair?.close(), 60_000);

  const loginStatus = async (node: RunningNode, email: string) =>
    (await node.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) })).status;
  const reachOf = async (node: RunningNode) => {
    const res = await node.fetch('/authorities', { headers: { authorization: await node.login('admin@example.org') } });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: { code: string; country: string; reach: string }[] }).items;
    return new Map(items.map((a) => [a.code, a]));
  };

  it('runs each node on its own port, database and queue prefix, both ready', async () => {
    const { vn, sg } = pair;
    expect(new Set([vn.url, sg.url]).size).toBe(2);
    expect(vn.databaseName).not.toBe(sg.databaseName);
    expect(vn.queuePrefix).not.toBe(sg.queuePrefix);
    for (const node of [vn, sg]) expect((await node.fetch('/health/ready')).status).toBe(200);
  });

  it('signs prosecutor@vn.example in on the VN node only, officer@sg.example on the SG node only', async () => {
    const { vn, sg } = pair;
    expect(await loginStatus(vn, 'prosecutor@vn.example')).toBe(200);
    expect(await loginStatus(sg, 'prosecutor@vn.example')).toBe(401);
    expect(await loginStatus(sg, 'officer@sg.example')).toBe(200);
    expect(await loginStatus(vn, 'officer@sg.example')).toBe(401);
  });

  it('does not take one node’s session on the other', async () => {
    const bearer = await pair.vn.login('prosecutor@vn.example');
    expect((await pair.vn.fetch('/me', { headers: { authorization: bearer } })).status).toBe(200);
    expect((await pair.sg.fetch('/me', { headers: { authorization: bearer } })).status).toBe(401);
  });

  it('lists as LOCAL only the node’s own authorities; the other country’s central authority is an OFFLINE counterpart', async () => {
    const vn = await reachOf(pair.vn);
    const sg = await reachOf(pair.sg);
    const local = (all: Map<string, { reach: string }>) => [...all].filter(([, a]) => a.reach === 'LOCAL').map(([code]) => code).sort();
    expect(local(vn)).toEqual(['VN-CA', 'VN-HCM-PROS']);
    expect(local(sg)).toEqual(['SG-247', 'SG-CA', 'SG-PROS']);
    expect(vn.get('SG-CA')).toMatchObject({ country: 'SG', reach: 'OFFLINE' });
    expect(sg.get('VN-CA')).toMatchObject({ country: 'VN', reach: 'OFFLINE' });
    expect([...vn.values()].filter((a) => a.country === 'SG').map((a) => a.reach)).toEqual(['OFFLINE']);
  });

  it('keeps each node’s data in its own database: the demo requests are the VN node’s only', async () => {
    expect((await pair.vn.sql('SELECT id FROM requests')).length).toBe(4);
    expect(await pair.sg.sql('SELECT id FROM requests')).toEqual([]);
  });

  it('takes one node down and back: the other keeps answering, the restarted one keeps its port, data and sessions', async () => {
    const bearer = await pair.sg.login('officer@sg.example');
    await pair.sg.stop('api');
    await expect(pair.sg.fetch('/health/live')).rejects.toThrow();
    expect((await pair.vn.fetch('/health/ready')).status).toBe(200);
    await pair.sg.start('api');
    expect((await pair.sg.fetch('/me', { headers: { authorization: bearer } })).status).toBe(200);
  }, 120_000);
});

describe('a node that does not start', () => {
  it('fails the start at once with its stderr, and leaves no database behind', async () => {
    const startedAt = Date.now();
    const failed = await startNodes([{ name: 'bad', countries: 'VN', env: { NODE_COUNTRIES: 'vietnam' } }]).then(
      () => null,
      (error: Error) => error,
    );
    expect(failed?.message).toMatch(/bad (API|worker) exited \(1\) before it was ready; stderr:\n[^]*NODE_COUNTRIES must be ISO 3166-1 alpha-2 codes/);
    expect(Date.now() - startedAt).toBeLessThan(25_000);
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`mla_test_${process.env.TEST_RUN_ID ?? 'local'}_%_bad`]);
    await admin.end();
    expect(left.rows).toEqual([]);
  });
});
