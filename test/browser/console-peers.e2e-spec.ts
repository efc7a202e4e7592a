import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { totpCode } from '../../libs/identity/src/mfa/totp';
import { createUser } from '../support/fixtures';
import { freePort } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

interface Node {
  t: TestApp;
  url: string;
  nodeId: string;
  /** Its current key's RFC 7638 thumbprint, as its well-known document gives it. */
  kid: string;
}

/** A node of its own (database, Redis prefix, key file, port), listening on 127.0.0.1 at the URL it publishes. */
async function startNode(nodeId: string, country: string, consoleDir?: string): Promise<Node> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ consoleDir, clockStart: new Date().toISOString(), env: { NODE_ID: nodeId, NODE_COUNTRIES: country, NODE_URL: url } });
  await t.app.listen({ port, host: '127.0.0.1' });
  const doc = await t.http.get('/.well-known/mla-hub');
  return { t, url, nodeId, kid: doc.body.jwks.keys[0].kid as string };
}

/**
 * The peers screen in a real browser (issue 20, DESIGN §15), in English and in Vietnamese, with
 * real peers: the VN node serves the console; SG and LA are two more nodes in this process. The
 * admin sees and copies this node's thumbprint and the empty state, adds a peer with a wrong
 * thumbprint (refused, in the reader's words), then the right one, suspends and resumes it; a
 * supervisor reads the list without actions. A node in the single-node mode says it does not
 * federate and offers no peering. An admin with a second factor gives it again (the step-up
 * dialog) before a peer change. axe-core on every new screen.
 */
describe('the peers screen in a browser (e2e)', () => {
  let vn: Node;
  const peers: Record<Lang, Node> = {} as Record<Lang, Node>;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    vn = await startNode('vn.test', 'VN', CONSOLE_DIST);
    peers.en = await startNode('sg.test', 'SG');
    peers.vi = await startNode('la.test', 'LA');
    browser = await launch();
  }, 90_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    for (const node of [vn, peers.en, peers.vi]) await node?.t.close();
    process.stdout.write(`axe (peers screens): ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  const open = async (email: string, lang: Lang) => {
    const person = await Person.open(browser, vn.url, email, lang, 'Asia/Ho_Chi_Minh');
    people.push(person);
    await person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: vn.url });
    await person.signIn(email, '/manage/peers');
    await person.page.getByRole('heading', { name: person.t('admin:peers.title'), level: 1 }).waitFor();
    return person;
  };

  it.each<Lang>(['en', 'vi'])('in %s, the admin finds the screen in the navigation, sees this node’s thumbprint, copies it, and reads what peering is', async (lang) => {
    const admin = await open('admin@example.org', lang);
    const { page } = admin;
    await page.getByRole('navigation').getByRole('link', { name: admin.t('app:nav.peers') }).waitFor();
    const card = page.getByRole('region', { name: admin.t('admin:peers.thisNode') });
    await card.getByText('vn.test', { exact: true }).waitFor();
    await card.getByText(lang === 'en' ? 'Vietnam' : 'Việt Nam', { exact: true }).waitFor();
    expect(await card.getByLabel(admin.t('admin:peers.url')).inputValue()).toBe(vn.url);
    const thumbprint = card.getByLabel(admin.t('admin:peers.thumbprint'));
    expect(await thumbprint.inputValue()).toBe(vn.kid);
    await card.getByRole('button', { name: admin.t('copy') }).nth(1).click();
    await card.getByRole('button', { name: admin.t('copied') }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(vn.kid);
    await page.getByText(admin.t('admin:peers.empty'), { exact: true }).waitFor();
    await page.getByText(admin.t('admin:peers.emptyHelp'), { exact: true }).waitFor();
    await admin.axe('peers, none yet');
    await admin.shot('peers-empty');
    expect(axeLog.findings).toEqual([]);
    expect(admin.pageErrors).toEqual([]);
    expect(admin.cspViolations).toEqual([]);
  }, 60_000);

  it('a node in the single-node mode (no countries) says it does not federate and offers no peering, in both languages', async () => {
    const alone = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString() });
    try {
      await alone.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(alone.app.getHttpServer().address() as { port: number }).port}`;
      for (const lang of ['en', 'vi'] as const) {
        const admin = await Person.open(browser, base, 'admin@example.org', lang, 'Asia/Ho_Chi_Minh');
        people.push(admin);
        await admin.signIn('admin@example.org', '/manage/peers');
        await admin.page.getByText(admin.t('admin:peers.singleNode'), { exact: true }).waitFor();
        await admin.page.getByText(admin.t('admin:peers.singleNodeTitle'), { exact: true }).waitFor();
        expect(await admin.page.getByRole('button', { name: admin.t('admin:peers.add') }).count()).toBe(0);
        expect(await admin.page.getByText(admin.t('admin:peers.empty'), { exact: true }).count()).toBe(0);
        expect(await admin.page.getByLabel(admin.t('admin:peers.thumbprint')).count()).toBe(0);
        await admin.axe('peers, single-node mode');
        await admin.shot('peers-single-node');
        expect(admin.pageErrors).toEqual([]);
        await admin.close();
      }
      expect(axeLog.findings).toEqual([]);
    } finally {
      await alone.close();
    }
  }, 90_000);

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    it('the admin adds a peer with a wrong thumbprint (refused), then the right one, suspends, resumes it and re-reads its keys; all audited', async () => {
      const peer = peers[lang];
      const other = peers[lang === 'en' ? 'vi' : 'en'];
      const country = lang === 'en' ? 'Singapore' : 'Lào';
      const admin = await open('admin@example.org', lang);
      const { page } = admin;

      await page.getByRole('button', { name: admin.t('admin:peers.add') }).click();
      const dialog = page.getByRole('dialog', { name: admin.t('admin:peers.add') });
      const url = dialog.getByLabel(labelled(admin.t('admin:peers.url')));
      const kid = dialog.getByLabel(labelled(admin.t('admin:peers.thumbprint')));
      const submit = dialog.getByRole('button', { name: admin.t('admin:peers.add') });
      // the form's own checks: a URL, 43 base64url characters
      await url.fill(peer.url.replace('http://', ''));
      await kid.fill(peer.kid.slice(1));
      await submit.click();
      await dialog.getByText(admin.t('admin:peers.errors.url')).waitFor();
      await dialog.getByText(admin.t('admin:peers.errors.thumbprint')).waitFor();
      // a well-formed thumbprint of another node: the API reads the peer's keys and refuses
      await url.fill(peer.url);
      await kid.fill(other.kid);
      await submit.click();
      const refusal = dialog.getByRole('alert');
      await refusal.getByText(admin.t('admin:peers.problem.PEER_KEY_MISMATCH')).waitFor();
      await refusal.getByText(admin.t('problem.title.PEER_KEY_MISMATCH')).waitFor();
      await admin.axe('peers, add refused');
      await admin.shotOf(dialog, 'peers-add-refused');
      await kid.fill(peer.kid);
      await submit.click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:peers.added', { node: peer.nodeId }) }).waitFor();

      const row = page.getByRole('row').filter({ hasText: peer.nodeId });
      await row.getByText(country, { exact: true }).waitFor();
      await row.getByText(admin.t('admin:peers.state.ACTIVE'), { exact: true }).waitFor();
      await row.getByText(admin.t('admin:peers.never'), { exact: true }).waitFor();
      for (const count of ['pending', 'dead', 'received']) await row.getByText(`${admin.t(`admin:peers.${count}`)}: 0`, { exact: true }).waitFor();
      await row.getByText(peer.kid, { exact: true }).waitFor();
      await admin.axe('peers, one added');
      await admin.shot('peers-list');

      // suspend, after a confirmation
      await row.getByRole('button', { name: admin.t('admin:peers.actionOf.suspend', { node: peer.nodeId }) }).click();
      const suspend = page.getByRole('dialog', { name: admin.t('admin:peers.actionOf.suspend', { node: peer.nodeId }) });
      await suspend.getByText(admin.t('admin:peers.confirm.suspend', { node: peer.nodeId })).waitFor();
      await admin.axe('peers, suspend confirmation');
      await suspend.getByRole('button', { name: admin.t('admin:peers.action.suspend') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:peers.done.suspend', { node: peer.nodeId }) }).waitFor();
      await row.getByText(admin.t('admin:peers.state.SUSPENDED'), { exact: true }).waitFor();
      expect((await vn.t.sql<{ state: string }>('SELECT state FROM federation_peers WHERE node_id = $1', [peer.nodeId]))[0]?.state).toBe('SUSPENDED');
      await admin.shot('peers-suspended');

      // resume
      await row.getByRole('button', { name: admin.t('admin:peers.actionOf.resume', { node: peer.nodeId }) }).click();
      const resume = page.getByRole('dialog', { name: admin.t('admin:peers.actionOf.resume', { node: peer.nodeId }) });
      await resume.getByRole('button', { name: admin.t('admin:peers.action.resume') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:peers.done.resume', { node: peer.nodeId }) }).waitFor();
      await row.getByText(admin.t('admin:peers.state.ACTIVE'), { exact: true }).waitFor();
      await row.getByRole('button', { name: admin.t('admin:peers.actionOf.suspend', { node: peer.nodeId }) }).waitFor();
      const [{ id, state } = { id: '', state: '' }] = await vn.t.sql<{ id: string; state: string }>('SELECT id, state FROM federation_peers WHERE node_id = $1', [peer.nodeId]);
      expect(state).toBe('ACTIVE');
      // re-read its keys: a malformed new thumbprint is caught by the form, an empty one checks against the kept one
      await row.getByRole('button', { name: admin.t('admin:peers.actionOf.refresh_keys', { node: peer.nodeId }) }).click();
      const refresh = page.getByRole('dialog', { name: admin.t('admin:peers.actionOf.refresh_keys', { node: peer.nodeId }) });
      const newKid = refresh.getByLabel(labelled(admin.t('admin:peers.newThumbprint')));
      await newKid.fill('not-a-thumbprint');
      await refresh.getByRole('button', { name: admin.t('admin:peers.action.refresh_keys') }).click();
      await refresh.getByText(admin.t('admin:peers.errors.thumbprint')).waitFor();
      await admin.axe('peers, re-read keys');
      await newKid.fill('');
      await refresh.getByRole('button', { name: admin.t('admin:peers.action.refresh_keys') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:peers.done.refresh_keys', { node: peer.nodeId }) }).waitFor();
      // each change audited, by the admin who made it
      const audit = await vn.t.http.get('/api/v1/audit').query({ targetType: 'PEER', limit: 100 }).set('authorization', await vn.t.login('admin@example.org'));
      const actions = (audit.body.items as { action: string; targetId: string }[]).filter((e) => e.targetId === id).map((e) => e.action).sort();
      expect(actions).toEqual(['peer.added', 'peer.keys_refreshed', 'peer.resumed', 'peer.suspended']);
      expect(axeLog.findings).toEqual([]);
      expect(admin.pageErrors).toEqual([]);
      expect(admin.cspViolations).toEqual([]);
    }, 90_000);

    it('a supervisor reads the peers, with no action offered', async () => {
      const supervisor = await open('supervisor@vn.example', lang);
      const { page } = supervisor;
      await page.getByRole('row').filter({ hasText: peers[lang].nodeId }).getByText(supervisor.t('admin:peers.state.ACTIVE'), { exact: true }).waitFor();
      await page.getByText(supervisor.t('admin:peers.readOnly'), { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: supervisor.t('admin:peers.add') }).count()).toBe(0);
      expect(await page.getByRole('button', { name: supervisor.t('admin:peers.action.suspend') }).count()).toBe(0);
      await supervisor.axe('peers, supervisor');
      expect(supervisor.pageErrors).toEqual([]);
      expect(axeLog.findings).toEqual([]);
    }, 60_000);
  });

  it('asks an admin with a second factor for it again before suspending a peer, then suspends it', async () => {
    const email = 'second-admin@example.org';
    await createUser(vn.t, await vn.t.login('admin@example.org'), { email, role: 'ADMIN' });
    const bearer = await vn.t.login(email);
    const secret = (await vn.t.http.post('/api/v1/me/mfa/totp').set('authorization', bearer)).body.secret as string;
    expect((await vn.t.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', bearer).send({ code: await totpCode(secret, vn.t.clock.now()) })).status).toBe(200);

    const admin = await Person.open(browser, vn.url, email, 'vi', 'Asia/Ho_Chi_Minh');
    people.push(admin);
    const { page } = admin;
    await admin.goto('/sign-in?next=%2Fmanage%2Fpeers');
    await admin.pickLanguage();
    await page.getByLabel(labelled(admin.t('auth:email'))).fill(email);
    await page.getByLabel(labelled(admin.t('auth:password'))).fill('demo-password-2026');
    await page.getByRole('button', { name: admin.t('auth:submit') }).click();
    await page.getByRole('heading', { name: admin.t('auth:mfa.stepTitle') }).waitFor();
    // the code of the next 30-second step (the one used at enrolment is never accepted again)
    vn.t.clock.advance(30_000);
    await page.getByLabel(labelled(admin.t('auth:mfa.code'))).fill(await totpCode(secret, vn.t.clock.now()));
    await page.getByRole('button', { name: admin.t('auth:mfa.verify') }).click();
    await page.getByRole('heading', { name: admin.t('admin:peers.title'), level: 1 }).waitFor();

    // the factor given at sign-in is no longer recent
    vn.t.clock.advance(11 * 60_000);
    const peer = peers.en;
    const row = page.getByRole('row').filter({ hasText: peer.nodeId });
    await row.getByRole('button', { name: admin.t('admin:peers.actionOf.suspend', { node: peer.nodeId }) }).click();
    await page.getByRole('dialog', { name: admin.t('admin:peers.actionOf.suspend', { node: peer.nodeId }) }).getByRole('button', { name: admin.t('admin:peers.action.suspend') }).click();
    const stepUp = page.getByRole('dialog', { name: admin.t('auth:mfa.stepUpTitle') });
    await stepUp.waitFor();
    expect((await vn.t.sql<{ state: string }>('SELECT state FROM federation_peers WHERE node_id = $1', [peer.nodeId]))[0]?.state).toBe('ACTIVE');
    await admin.axe('peers, step-up');
    await stepUp.getByLabel(labelled(admin.t('auth:mfa.code'))).fill(await totpCode(secret, vn.t.clock.now()));
    await stepUp.getByRole('button', { name: admin.t('auth:mfa.stepUpSubmit') }).click();
    // sent again once the factor was given
    await page.getByRole('status').filter({ hasText: admin.t('admin:peers.done.suspend', { node: peer.nodeId }) }).waitFor();
    await row.getByText(admin.t('admin:peers.state.SUSPENDED'), { exact: true }).waitFor();
    expect(axeLog.findings).toEqual([]);
    expect(admin.pageErrors).toEqual([]);
  }, 90_000);
});
