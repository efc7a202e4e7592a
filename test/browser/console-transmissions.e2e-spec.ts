import { existsSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { FederationDeliveryService, NodeIdentity } from '@mla/federation';
import { totpCode } from '../../libs/identity/src/mfa/totp';
import { authorityId, completeDraft, createUser, USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

const BASE_MS = 60_000;
const MAX_ATTEMPTS = 3;
const ZONE = 'Asia/Ho_Chi_Minh';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A sentence of the panel whose `<at/>` is a time: its words around any time. */
const around = (sentence: string) => new RegExp(sentence.split('<at/>').map(escape).join('.+'));

/** The hour and minute of an instant in the reader's zone (Asia/Ho_Chi_Minh), as the console shows it. */
const hhmm = (iso: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(new Date(iso));

/**
 * A request's transmissions on the request page, in a real browser (issue 20, DESIGN §15),
 * between two real nodes in this process: VN (serving the console) and SG, reached through a TCP
 * proxy that can refuse connections (SG down). SG peers VN, VN peers SG (reading SG's signed
 * directory: its central authority becomes PEER here). Viet Nam's officer sends a request to it
 * through the console while SG is down: the panel shows the message waiting, then the failed
 * attempt with its reason and the next attempt; SG back, the worker's next pass delivers it and
 * the panel says delivered, receipt verified. A message given up after the last attempt shows as
 * not delivered; an admin finds it on the Peers screen and sends it again (after giving the second
 * factor again, in Vietnamese), and it is delivered. The worker's passes run on the nodes' test
 * clocks. In English and in Vietnamese, times in the reader's zone, axe on every screen.
 */
describe('a request’s transmissions in a browser (e2e, two nodes)', () => {
  let vn: TestApp;
  let sg: TestApp;
  let proxy: TcpProxy;
  let worker: TestWorker;
  let delivery: FederationDeliveryService;
  let browser: Browser;
  let sgCa: string;
  let vnUrl: string;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    const start = new Date().toISOString();
    const sgPort = await freePort();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sgPort });
    const sgUrl = `http://127.0.0.1:${await proxy.start()}`;
    sg = await createTestApp({ directory: true, clockStart: start, env: { NODE_ID: 'sg.test', NODE_COUNTRIES: 'SG', NODE_URL: sgUrl } });
    await sg.app.listen(sgPort, '127.0.0.1');
    const vnPort = await freePort();
    vnUrl = `http://127.0.0.1:${vnPort}`;
    vn = await createTestApp({ consoleDir: CONSOLE_DIST, directory: true, clockStart: start, env: { NODE_ID: 'vn.test', NODE_COUNTRIES: 'VN', NODE_URL: vnUrl } });
    await vn.app.listen(vnPort, '127.0.0.1');

    // SG peers VN; then VN peers SG, reading SG's signed directory: SG's central authority is PEER here from then on.
    const sgAdmin = await sg.login(USERS.admin);
    const back = await sg.http.post('/api/v1/peers').set('authorization', sgAdmin).send({ url: vnUrl, keyThumbprint: vn.app.get(NodeIdentity).signingKey().kid });
    expect(back.status).toBe(201);
    const added = await vn.http.post('/api/v1/peers').set('authorization', await vn.login(USERS.admin)).send({ url: sgUrl, keyThumbprint: sg.app.get(NodeIdentity).signingKey().kid });
    expect(added.status).toBe(201);
    // and SG reads VN's, now that VN answers it
    expect((await sg.http.patch(`/api/v1/peers/${back.body.id}`).set('authorization', sgAdmin).send({ action: 'refresh_directory' })).status).toBe(200);
    sgCa = await authorityId(vn, 'SG-CA');
    expect(await vn.sql(`SELECT reach FROM authorities WHERE id = $1`, [sgCa])).toEqual([{ reach: 'PEER' }]);

    worker = await startTestWorker(vn, { FEDERATION_MAX_ATTEMPTS: MAX_ATTEMPTS, FEDERATION_BACKOFF_MS: BASE_MS });
    delivery = worker.context.get(FederationDeliveryService);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await worker?.close();
    await vn?.close();
    await sg?.close();
    await proxy?.stop();
    process.stdout.write(`axe (transmissions): ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  /** Both nodes' clocks move together (a signature is checked with the receiver's clock). */
  const advance = (ms: number) => {
    vn.clock.advance(ms);
    sg.clock.advance(ms);
  };

  /** A VN → SG-CA request submitted by the prosecutor (through the API: the writer has its own walk). */
  const submitted = async (title: string) => {
    const bearer = await vn.login(USERS.vnProsecutor);
    const created = await vn.http.post('/api/v1/requests').set('authorization', bearer).send(completeDraft(sgCa, { title }));
    expect(created.status).toBe(201);
    await vn.http.post(`/api/v1/requests/${created.body.id}/transitions`).set('authorization', bearer).send({ action: 'submit' }).expect(200);
    return created.body as { id: string; reference: string };
  };

  const messageOf = async (requestId: string) => {
    const rows = await vn.sql<{ id: string; state: string; attempts: number; next_attempt_at: Date; delivered_at: Date | null }>(
      `SELECT id, state, attempts, next_attempt_at, delivered_at FROM federation_outbox WHERE request_id = $1`, [requestId]);
    expect(rows).toHaveLength(1);
    return rows[0] as (typeof rows)[number];
  };

  /** The officer sends the request from its page (the letter sealed), and finds its Transmissions panel. */
  const send = async (officer: Person, requestId: string) => {
    const { page } = officer;
    await officer.goto(`/requests/${requestId}`);
    await page.getByRole('button', { name: officer.t('action.send'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: officer.t('action.send') });
    await dialog.getByRole('button', { name: officer.t('action.send'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const panel = page.getByRole('region', { name: officer.t('transmissions:title') });
    const table = panel.getByRole('table', { name: officer.t('transmissions:caption') });
    await table.waitFor();
    return { panel, table, row: table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${escape(officer.t('common:federationMessage.sent'))}`) }) }) };
  };

  /** A time of the row: a <time> with this instant, shown in the reader's zone (GMT+7). */
  const timeIn = async (row: Locator, at: Date) => {
    const time = row.locator(`time[datetime="${at.toISOString()}"]`).first();
    await time.waitFor();
    const text = (await time.textContent()) ?? '';
    expect(text).toContain(hhmm(at.toISOString()));
    expect(text).toContain('GMT+7');
  };

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    let officer: Person;

    beforeAll(async () => {
      officer = await Person.open(browser, vnUrl, `officer-${lang}`, lang, ZONE);
      people.push(officer);
      await officer.signIn(USERS.vnOfficer, '/queues/review');
    });

    it('sends to SG while SG is down: waiting, then the failed attempt with its reason and the next one; SG back, delivered with the receipt verified', async () => {
      const r = await submitted(`Subscriber of the account (${lang})`);
      proxy.refuse();
      const { panel, row } = await send(officer, r.id);
      const m = await messageOf(r.id);
      expect(m).toMatchObject({ state: 'PENDING', attempts: 0 });
      await panel.getByText(officer.t('transmissions:intro', { peers: 'sg.test', zone: ZONE }), { exact: true }).waitFor();
      await row.getByRole('cell', { name: officer.t('transmissions:direction.OUT', { peer: 'sg.test' }), exact: true }).waitFor();
      await row.getByText(officer.t('transmissions:state.PENDING'), { exact: true }).waitFor();
      await row.getByText(around(officer.t('transmissions:status.queued'))).waitFor();
      await timeIn(row, m.next_attempt_at);

      // the worker's pass: SG cannot be reached
      const [first] = await delivery.deliverDue();
      expect(first).toEqual({ id: m.id, state: 'PENDING', error: expect.stringMatching(/no HTTP answer/) });
      await row.getByText(around(officer.t('transmissions:status.retrying', { count: 1 }))).waitFor();
      await row.getByText(officer.t('transmissions:lastFailure', { reason: officer.t('common:federationFailure.unreachable') }), { exact: true }).waitFor();
      await row.getByText(/no HTTP answer \(the connection failed or timed out\)/).waitFor();
      const next = (await messageOf(r.id)).next_attempt_at;
      expect(next.getTime()).toBe(vn.clock.now().getTime() + BASE_MS);
      await timeIn(row, next);
      await officer.axe('transmissions, a failed attempt');
      await officer.shot('transmissions-retrying');

      // SG back; at the next attempt's time, the worker's pass delivers it
      proxy.accept();
      advance(BASE_MS);
      expect(await delivery.deliverDue()).toEqual([{ id: m.id, state: 'DELIVERED', error: null }]);
      const delivered = await messageOf(r.id);
      await row.getByText(officer.t('transmissions:state.DELIVERED'), { exact: true }).waitFor();
      await row.getByText(around(officer.t('transmissions:status.delivered', { peer: 'sg.test' }))).waitFor();
      await row.getByText(officer.t('transmissions:status.deliveredAfter', { count: 2 }), { exact: true }).waitFor();
      await timeIn(row, delivered.delivered_at as Date);
      // SG holds it, once
      expect(await sg.sql(`SELECT count(*)::int AS n FROM federation_inbox WHERE message_id = $1`, [m.id])).toEqual([{ n: 1 }]);
      await officer.axe('transmissions, delivered');
      await officer.shot('transmissions-delivered');
      expect(axeLog.findings).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
      expect(officer.cspViolations).toEqual([]);
    }, 120_000);

    it('a message given up after the last attempt shows as not delivered; an admin sends it again from the Peers screen and it is delivered', async () => {
      const r = await submitted(`Traffic data of the account (${lang})`);
      proxy.refuse();
      const { row } = await send(officer, r.id);
      const m = await messageOf(r.id);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await delivery.deliverDue()).toEqual([{ id: m.id, state: attempt < MAX_ATTEMPTS ? 'PENDING' : 'DEAD', error: expect.stringMatching(/no HTTP answer/) }]);
        advance(BASE_MS * 2 ** (attempt - 1));
      }
      expect(await delivery.deliverDue()).toEqual([]);
      await row.getByText(officer.t('transmissions:state.DEAD'), { exact: true }).waitFor();
      await row.getByText(officer.t('transmissions:status.dead', { count: MAX_ATTEMPTS }), { exact: true }).waitFor();
      await row.getByText(officer.t('transmissions:lastFailure', { reason: officer.t('common:federationFailure.unreachable') }), { exact: true }).waitFor();
      await row.getByText(officer.t('transmissions:status.deadHelp'), { exact: true }).waitFor();
      await officer.axe('transmissions, not delivered');
      await officer.shot('transmissions-dead');

      // The admin (in Vietnamese: one with a second factor, asked for it again) finds it on the Peers screen.
      const admin = lang === 'en' ? await signedInAdmin(lang) : await secondFactorAdmin(lang);
      const { page } = admin;
      const section = page.getByRole('region', { name: admin.t('admin:peers.undelivered.title') });
      const table = section.getByRole('table', { name: admin.t('admin:peers.undelivered.caption') });
      const line = table.getByRole('row').filter({ hasText: r.id });
      await line.getByText(admin.t('common:federationMessage.sent'), { exact: true }).waitFor();
      await line.getByRole('cell', { name: 'sg.test', exact: true }).waitFor();
      await line.getByRole('cell', { name: String(MAX_ATTEMPTS), exact: true }).waitFor();
      await line.getByText(admin.t('common:federationFailure.unreachable'), { exact: true }).waitFor();
      await admin.axe('peers, messages not delivered');
      await admin.shot('peers-dead-messages');
      await line.getByRole('button', { name: admin.t('admin:peers.undelivered.retryOf', { peer: 'sg.test', request: r.id }) }).click();
      const confirm = page.getByRole('dialog', { name: admin.t('admin:peers.undelivered.retryTitle', { peer: 'sg.test' }) });
      await confirm.getByText(admin.t('common:federationMessage.sent'), { exact: false }).waitFor();
      await admin.axe('peers, send a message again');
      proxy.accept();
      await confirm.getByRole('button', { name: admin.t('admin:peers.undelivered.retry') }).click();
      if (lang === 'vi') {
        const stepUp = page.getByRole('dialog', { name: admin.t('auth:mfa.stepUpTitle') });
        await stepUp.waitFor();
        expect(await messageOf(r.id)).toMatchObject({ state: 'DEAD' });
        await stepUp.getByLabel(labelled(admin.t('auth:mfa.code'))).fill(await totpCode(secret, vn.clock.now()));
        await stepUp.getByRole('button', { name: admin.t('auth:mfa.stepUpSubmit') }).click();
      }
      await section.getByRole('status').filter({ hasText: admin.t('admin:peers.undelivered.done', { peer: 'sg.test' }) }).waitFor();
      await line.waitFor({ state: 'detached' });
      await section.getByText(admin.t('admin:peers.undelivered.none'), { exact: true }).waitFor();
      expect(await messageOf(r.id)).toMatchObject({ state: 'PENDING', attempts: 0 });
      const audit = await vn.sql<{ actor_email: string }>(`SELECT actor_email FROM admin_audit WHERE action = 'federation_message.retried' AND target_id = $1`, [m.id]);
      expect(audit).toEqual([{ actor_email: admin.name }]);

      // the worker's next pass delivers it; the officer reads it
      expect(await delivery.deliverDue()).toEqual([{ id: m.id, state: 'DELIVERED', error: null }]);
      await row.getByText(around(officer.t('transmissions:status.delivered', { peer: 'sg.test' }))).waitFor();
      expect(await row.getByText(officer.t('transmissions:status.deliveredAfter', { count: 1 }), { exact: true }).count()).toBe(0);
      expect(axeLog.findings).toEqual([]);
      expect(admin.pageErrors).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
    }, 120_000);
  });

  const signedInAdmin = async (lang: Lang) => {
    const admin = await Person.open(browser, vnUrl, USERS.admin, lang, ZONE);
    people.push(admin);
    await admin.signIn(USERS.admin, '/manage/peers');
    await admin.page.getByRole('heading', { name: admin.t('admin:peers.title'), level: 1 }).waitFor();
    return admin;
  };

  let secret = '';
  /** An admin with a second factor (TOTP), signed in with it; then the factor grows old (11 minutes), so that a change asks for it again. */
  const secondFactorAdmin = async (lang: Lang) => {
    const email = 'second-admin@example.org';
    await createUser(vn, await vn.login(USERS.admin), { email, role: 'ADMIN' });
    const bearer = await vn.login(email);
    secret = (await vn.http.post('/api/v1/me/mfa/totp').set('authorization', bearer)).body.secret as string;
    expect((await vn.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', bearer).send({ code: await totpCode(secret, vn.clock.now()) })).status).toBe(200);
    const admin = await Person.open(browser, vnUrl, email, lang, ZONE);
    people.push(admin);
    const { page } = admin;
    await admin.goto('/sign-in?next=%2Fmanage%2Fpeers');
    await admin.pickLanguage();
    await page.getByLabel(labelled(admin.t('auth:email'))).fill(email);
    await page.getByLabel(labelled(admin.t('auth:password'))).fill('demo-password-2026');
    await page.getByRole('button', { name: admin.t('auth:submit') }).click();
    await page.getByRole('heading', { name: admin.t('auth:mfa.stepTitle') }).waitFor();
    // the code of the next 30-second step (the one used at enrolment is never accepted again)
    advance(30_000);
    await page.getByLabel(labelled(admin.t('auth:mfa.code'))).fill(await totpCode(secret, vn.clock.now()));
    await page.getByRole('button', { name: admin.t('auth:mfa.verify') }).click();
    await page.getByRole('heading', { name: admin.t('admin:peers.title'), level: 1 }).waitFor();
    advance(11 * 60_000);
    return admin;
  };
});
