import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { NodeIdentity, publicJwkOf, signRequest, verifyDirectory, verifyReceipt, type SigningKeyRef } from '@mla/federation';
import { act, authorityId, completeDraft, createDraft, USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

interface Node {
  t: TestApp;
  url: string;
  key: SigningKeyRef;
  admin: string;
}

async function startNode(nodeId: string, country: string): Promise<Node> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ env: { NODE_ID: nodeId, NODE_COUNTRIES: country, NODE_URL: url }, directory: true });
  await t.app.listen(port, '127.0.0.1');
  return { t, url, key: t.app.get(NodeIdentity).signingKey(), admin: await t.login(USERS.admin) };
}

interface AuthorityFacts {
  id: string;
  code: string;
  country: string;
  reach: string;
  names: Record<string, string>;
  webhook_url: string | null;
  updated_at: Date;
}
const authorities = async (n: Node) =>
  new Map((await n.t.sql<AuthorityFacts>(`SELECT id, code, country, reach, names, webhook_url, updated_at FROM authorities ORDER BY code`)).map((a) => [a.code, a]));
const audits = (n: Node) => n.t.sql<{ action: string; after: Record<string, unknown>; actor_email: string }>(`SELECT action, after, actor_email FROM admin_audit WHERE action = 'peer.directory_read' ORDER BY created_at`);

/**
 * A counterpart that joins (issue 20 item 8, DESIGN §15): once peered, each node reads the
 * other's directory of LOCAL authorities, signed, and keeps them as PEER authorities: the SG
 * central authority, OFFLINE on the VN node until then, becomes PEER with the same id, and a
 * request the VN node had sent it on paper keeps its history. The directory answers only a GET
 * signed by an ACTIVE peer; a directory naming a third country, or a code LOCAL here, changes nothing.
 */
describe('federation: the peers’ directories (e2e, two nodes)', () => {
  let vn: Node;
  let sg: Node;

  beforeAll(async () => {
    vn = await startNode('vn.test', 'VN');
    sg = await startNode('sg.test', 'SG');
  }, 60_000);
  afterAll(async () => {
    await vn?.t.close();
    await sg?.t.close();
  });

  /** A signed GET of SG's directory (VN's key and clock by default). */
  async function getDirectory(opts: { key?: SigningKeyRef; at?: Date; headers?: (h: Record<string, string>) => Record<string, string> } = {}) {
    const target = `${sg.url}/federation/v1/directory`;
    const signed = await signRequest({ method: 'GET', url: target, contentType: '', body: new Uint8Array(0) }, opts.key ?? vn.key, opts.at ?? vn.t.clock.now());
    const res = await fetch(target, { headers: opts.headers ? opts.headers(signed) : signed });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  let sentId: string;
  let sentEvents: unknown[];
  let sgCaId: string;
  let vnLocalBefore: AuthorityFacts[];

  it('sends a VN request on paper to the SG central authority, OFFLINE on the VN node before peering', async () => {
    const before = await authorities(vn);
    expect(before.get('SG-CA')).toMatchObject({ country: 'SG', reach: 'OFFLINE' });
    sgCaId = before.get('SG-CA')!.id;
    vnLocalBefore = [...before.values()].filter((a) => a.reach === 'LOCAL');
    expect(vnLocalBefore.map((a) => a.code)).toEqual(['VN-CA', 'VN-HCM-PROS']);
    const prosecutor = await vn.t.login(USERS.vnProsecutor);
    const draft = await createDraft(vn.t, prosecutor, completeDraft(await authorityId(vn.t, 'SG-CA')));
    await act(vn.t, prosecutor, draft.id, { action: 'submit' });
    const sent = await act(vn.t, await vn.t.login(USERS.vnOfficer), draft.id, {
      action: 'send', transmission: { channel: 'CENTRAL_AUTHORITY_MAIL', dispatchedAt: vn.t.clock.now().toISOString(), dispatchReference: 'VKSTC-2026-1' },
    });
    expect(sent.state).toBe('SENT');
    sentId = draft.id;
    sentEvents = await vn.t.sql(`SELECT * FROM request_events WHERE request_id = $1 ORDER BY seq`, [sentId]);
    expect(sentEvents.length).toBeGreaterThan(0);
  });

  it('answers the directory only to a GET signed by a peer: unsigned, or a key no peer has (VN not peered yet): 401', async () => {
    const unsigned = await fetch(`${sg.url}/federation/v1/directory`);
    expect(unsigned.status).toBe(401);
    const refusal = (await unsigned.json()) as Record<string, any>;
    expect(refusal).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNSIGNED' });
    // Signed like the intake's refusals: a receipt REJECTED, by SG's key.
    expect(await verifyReceipt(refusal.receipt, [await publicJwkOf(sg.key.privateKey)])).toMatchObject({ status: 'REJECTED', code: 'UNAUTHENTICATED', messageId: null });
    // VN is not a peer of SG yet: its own key is unknown there.
    expect(await getDirectory()).toMatchObject({ status: 401, body: { reason: 'UNKNOWN_KEY' } });
    const { privateKey } = generateKeyPairSync('ed25519');
    expect((await getDirectory({ key: { privateKey, kid: (await publicJwkOf(privateKey)).kid } })).status).toBe(401);
  });

  it('peers SG → VN first: SG cannot read VN’s directory yet (VN does not know it), and peers all the same', async () => {
    const added = await sg.t.http.post('/api/v1/peers').set('authorization', sg.admin).send({ url: vn.url, keyThumbprint: vn.key.kid });
    expect(added.status).toBe(201);
    expect((await authorities(sg)).get('VN-CA')).toMatchObject({ reach: 'OFFLINE' });
    expect(await audits(sg)).toEqual([]);
  });

  it('refuses a forged GET from a peer: another key claiming VN’s keyid, a stale signature, a signature over a body', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(await getDirectory({ key: { privateKey, kid: vn.key.kid } })).toMatchObject({ status: 401, body: { reason: 'BAD_SIGNATURE' } });
    expect(await getDirectory({ at: new Date(vn.t.clock.now().getTime() - 10 * 60_000) })).toMatchObject({ status: 401, body: { reason: 'OUTSIDE_WINDOW' } });
    const target = `${sg.url}/federation/v1/directory`;
    const post = await signRequest({ method: 'POST', url: target, contentType: 'application/json', body: Buffer.from('{}') }, vn.key, vn.t.clock.now());
    expect((await fetch(target, { headers: post })).status).toBe(401);
    expect((await getDirectory({ headers: (h) => ({ ...h, signature: h.signature!.replace(/.:$/, 'A:') }) })).status).toBe(401);
  });

  it('answers a peer its LOCAL authorities, signed by its key, public facts only', async () => {
    const res = await getDirectory();
    expect(res.status).toBe(200);
    expect(decodeProtectedHeader(res.body.directory)).toMatchObject({ alg: 'EdDSA', kid: sg.key.kid, typ: 'mla-hub-directory+json' });
    const payload = (await verifyDirectory(res.body.directory, [await publicJwkOf(sg.key.privateKey)])) as Record<string, any>;
    expect(payload).toMatchObject({ nodeId: 'sg.test', countries: ['SG'] });
    expect(payload.authorities.map((a: { code: string }) => a.code)).toEqual(['SG-247', 'SG-CA', 'SG-PROS']);
    expect(Object.keys(payload.authorities[1]).sort()).toEqual(['address', 'channels', 'code', 'country', 'email', 'kind', 'languages', 'names', 'timezone']);
    expect(JSON.stringify(payload)).not.toMatch(/webhook|secret|@sg\.example/);
  });

  it('peers VN → SG: VN reads SG’s directory; SG-CA turns PEER with the same id, its request keeps its history; LOCAL untouched; audited', async () => {
    const added = await vn.t.http.post('/api/v1/peers').set('authorization', vn.admin).send({ url: sg.url, keyThumbprint: sg.key.kid });
    expect(added.status).toBe(201);
    const after = await authorities(vn);
    expect(after.get('SG-CA')).toMatchObject({ id: sgCaId, reach: 'PEER', country: 'SG' });
    expect(after.get('SG-PROS')).toMatchObject({ reach: 'PEER', country: 'SG', names: expect.objectContaining({ en: "Attorney-General's Chambers, Crime Division" }) });
    expect(after.get('SG-247')).toMatchObject({ reach: 'PEER' });
    expect(after.get('US-OIA')).toMatchObject({ reach: 'OFFLINE' });
    expect([...after.values()].filter((a) => a.reach === 'LOCAL')).toEqual(vnLocalBefore);
    const [request] = await vn.t.sql<{ requested_authority_id: string; state: string }>(`SELECT requested_authority_id, state FROM requests WHERE id = $1`, [sentId]);
    expect(request).toEqual({ requested_authority_id: sgCaId, state: 'SENT' });
    expect(await vn.t.sql(`SELECT * FROM request_events WHERE request_id = $1 ORDER BY seq`, [sentId])).toEqual(sentEvents);
    const seen = await vn.t.http.get(`/api/v1/requests/${sentId}`).set('authorization', await vn.t.login(USERS.vnOfficer));
    expect(seen.status).toBe(200);
    expect(await audits(vn)).toEqual([
      { action: 'peer.directory_read', actor_email: USERS.admin, after: { nodeId: 'sg.test', issuedAt: expect.any(String), authorities: 3, created: ['SG-247', 'SG-PROS'], joined: ['SG-CA'], updated: [] } },
    ]);
  });

  it('lets SG read VN’s directory on request (refresh_directory): VN-CA turns PEER on SG with its id', async () => {
    const vnCaOnSg = (await authorities(sg)).get('VN-CA')!;
    const [peer] = await sg.t.sql<{ id: string }>(`SELECT id FROM federation_peers WHERE node_id = 'vn.test'`);
    const res = await sg.t.http.patch(`/api/v1/peers/${peer!.id}`).set('authorization', sg.admin).send({ action: 'refresh_directory' });
    expect(res.status).toBe(200);
    const after = await authorities(sg);
    expect(after.get('VN-CA')).toMatchObject({ id: vnCaOnSg.id, reach: 'PEER' });
    expect(after.get('VN-HCM-PROS')).toMatchObject({ reach: 'PEER', country: 'VN' });
    expect(after.get('SG-CA')).toMatchObject({ reach: 'LOCAL' });
    expect((await audits(sg)).map((a) => a.after.joined)).toEqual([['VN-CA']]);
  });

  const sgPeerOnVn = async () => (await vn.t.sql<{ id: string }>(`SELECT id FROM federation_peers WHERE node_id = 'sg.test'`))[0]!.id;
  const refresh = async () => vn.t.http.patch(`/api/v1/peers/${await sgPeerOnVn()}`).set('authorization', vn.admin).send({ action: 'refresh_directory' });

  it('refuses, 422, a directory listing an authority of a third country: nothing changes', async () => {
    await sg.t.sql(`INSERT INTO authorities (code, name, country, kind, timezone, language, reach, names) VALUES ('MY-TEST', 'AGC Malaysia', 'MY', 'CENTRAL_AUTHORITY', 'Asia/Kuala_Lumpur', 'en', 'LOCAL', '{"en":"AGC Malaysia"}')`);
    await sg.t.sql(`UPDATE authorities SET names = names || '{"en":"Renamed"}' WHERE code = 'SG-PROS'`);
    const before = await authorities(vn);
    const res = await refresh();
    expect([res.status, res.body.code]).toEqual([422, 'RULE_VIOLATED']);
    expect(res.body.detail).toContain('MY is not a country sg.test serves');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'directory.authorities[0].country' })]);
    expect(await authorities(vn)).toEqual(before);
    expect(await audits(vn)).toHaveLength(1);
    await sg.t.sql(`DELETE FROM authorities WHERE code = 'MY-TEST'`);
  });

  it('refuses, 422, a directory whose signature does not verify with the peer’s key as kept: nothing changes', async () => {
    const [kept] = await vn.t.sql<{ jwks: unknown }>(`SELECT jwks FROM federation_peers WHERE node_id = 'sg.test'`);
    // VN keeps, under SG's kid, another public key (as if SG's answer were signed by someone else).
    const forged = { ...(await publicJwkOf(generateKeyPairSync('ed25519').privateKey)), kid: sg.key.kid };
    await vn.t.sql(`UPDATE federation_peers SET jwks = $1 WHERE node_id = 'sg.test'`, [JSON.stringify({ keys: [forged] })]);
    const before = await authorities(vn);
    const res = await refresh();
    expect([res.status, res.body.code]).toEqual([422, 'RULE_VIOLATED']);
    expect(res.body.detail).toContain('the signature does not verify');
    expect(await authorities(vn)).toEqual(before);
    expect(await audits(vn)).toHaveLength(1);
    await vn.t.sql(`UPDATE federation_peers SET jwks = $1 WHERE node_id = 'sg.test'`, [JSON.stringify(kept!.jwks)]);
  });

  it('refuses, 422, a directory whose code is LOCAL here: the LOCAL authority is never touched', async () => {
    await sg.t.sql(`UPDATE authorities SET code = 'VN-CA-X' WHERE code = 'VN-CA'`);
    await sg.t.sql(`INSERT INTO authorities (code, name, country, kind, timezone, language, reach, names) VALUES ('VN-CA', 'Impostor', 'SG', 'CENTRAL_AUTHORITY', 'Asia/Singapore', 'en', 'LOCAL', '{"en":"Impostor"}')`);
    const before = await authorities(vn);
    const res = await refresh();
    expect([res.status, res.body.code]).toEqual([422, 'RULE_VIOLATED']);
    expect(res.body.detail).toContain('VN-CA is a LOCAL authority of this node');
    expect(await authorities(vn)).toEqual(before);
    await sg.t.sql(`DELETE FROM authorities WHERE code = 'VN-CA'`);
    await sg.t.sql(`UPDATE authorities SET code = 'VN-CA' WHERE code = 'VN-CA-X'`);
  });

  it('reads the directory again (refresh_directory, and with refresh_keys): the facts refreshed, ids kept', async () => {
    const res = await refresh();
    expect(res.status).toBe(200);
    const after = await authorities(vn);
    expect(after.get('SG-PROS')?.names.en).toBe('Renamed');
    expect(after.get('SG-CA')).toMatchObject({ id: sgCaId, reach: 'PEER' });
    const keys = await vn.t.http.patch(`/api/v1/peers/${await sgPeerOnVn()}`).set('authorization', vn.admin).send({ action: 'refresh_keys' });
    expect(keys.status).toBe(200);
    expect((await audits(vn)).map((a) => [a.after.joined, a.after.updated])).toEqual([
      [['SG-CA'], []],
      [[], ['SG-247', 'SG-CA', 'SG-PROS']],
      [[], ['SG-247', 'SG-CA', 'SG-PROS']],
    ]);
  });

  it('refuses refresh_directory, 422, when the peer refuses this node (it suspended it); nothing changes', async () => {
    const [vnOnSg] = await sg.t.sql<{ id: string }>(`SELECT id FROM federation_peers WHERE node_id = 'vn.test'`);
    await sg.t.http.patch(`/api/v1/peers/${vnOnSg!.id}`).set('authorization', sg.admin).send({ action: 'suspend' }).expect(200);
    expect(await getDirectory()).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', reason: 'PEER_SUSPENDED' } });
    const res = await refresh();
    expect([res.status, res.body.code]).toEqual([422, 'PEER_UNREACHABLE']);
    expect(await audits(vn)).toHaveLength(3);
    await sg.t.http.patch(`/api/v1/peers/${vnOnSg!.id}`).set('authorization', sg.admin).send({ action: 'resume' }).expect(200);
  });
});
