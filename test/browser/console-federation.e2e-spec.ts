import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { FederationDeliveryService, FileFetcherService, NodeIdentity } from '@mla/federation';
import { authorityId, completeDraft, USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

type Json = Record<string, any>;

/** The most a node stores of a file: the sealed letter of request (some 80 KB) is over the test default. */
const FILE_MAX = String(1024 * 1024);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A sentence whose `<at/>` is a time: its words around any time. */
const around = (sentence: string) => new RegExp(sentence.split('<at/>').map(escape).join('.+'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A request followed across two hubs in the console (issue 20, DESIGN §15), two real nodes in
 * this process, each serving its console, each with its worker (its passes driven here: the
 * messages delivered and the files fetched when the test says). Viet Nam's prosecutor's request
 * is sent to Singapore's central authority (PEER). On the SG console, the officer finds the
 * letter and the document arriving from vn.test, then received (downloadable, the same bytes),
 * and acknowledges; VN's history names SG's officer, authority and hub. SG delivers evidence:
 * on VN its file is arriving, then received and downloadable. The prosecutor closes: the
 * Actions card says the close waits for Singapore's hub's decision; SG decides and sends it back:
 * CLOSED on both, each history worded (received from the other hub, the act proposed, the close
 * by VN's prosecutor on vn.test). In English and in Vietnamese, axe on every screen.
 */
describe('a request followed across two hubs in the console (e2e, two nodes)', () => {
  let vn: TestApp;
  let sg: TestApp;
  let vnWorker: TestWorker;
  let sgWorker: TestWorker;
  let browser: Browser;
  let vnUrl: string;
  let sgUrl: string;
  let sgCa: string;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    const start = new Date().toISOString();
    const sgPort = await freePort();
    sgUrl = `http://127.0.0.1:${sgPort}`;
    sg = await createTestApp({ consoleDir: CONSOLE_DIST, directory: true, clockStart: start, env: { NODE_ID: 'sg.test', NODE_COUNTRIES: 'SG', NODE_URL: sgUrl, EVIDENCE_MAX_BYTES: FILE_MAX } });
    await sg.app.listen(sgPort, '127.0.0.1');
    const vnPort = await freePort();
    vnUrl = `http://127.0.0.1:${vnPort}`;
    vn = await createTestApp({ consoleDir: CONSOLE_DIST, directory: true, clockStart: start, env: { NODE_ID: 'vn.test', NODE_COUNTRIES: 'VN', NODE_URL: vnUrl, EVIDENCE_MAX_BYTES: FILE_MAX } });
    await vn.app.listen(vnPort, '127.0.0.1');

    // Each peers the other, then each reads the other's signed directory (the other's authorities are PEER from then on).
    const sgAdmin = await sg.login(USERS.admin);
    const vnAdmin = await vn.login(USERS.admin);
    const onSg = await sg.http.post('/api/v1/peers').set('authorization', sgAdmin).send({ url: vnUrl, keyThumbprint: vn.app.get(NodeIdentity).signingKey().kid });
    expect(onSg.status).toBe(201);
    const onVn = await vn.http.post('/api/v1/peers').set('authorization', vnAdmin).send({ url: sgUrl, keyThumbprint: sg.app.get(NodeIdentity).signingKey().kid });
    expect(onVn.status).toBe(201);
    expect((await sg.http.patch(`/api/v1/peers/${onSg.body.id}`).set('authorization', sgAdmin).send({ action: 'refresh_directory' })).status).toBe(200);
    expect((await vn.http.patch(`/api/v1/peers/${onVn.body.id}`).set('authorization', vnAdmin).send({ action: 'refresh_directory' })).status).toBe(200);
    sgCa = await authorityId(vn, 'SG-CA');
    expect(await vn.sql(`SELECT reach FROM authorities WHERE id = $1`, [sgCa])).toEqual([{ reach: 'PEER' }]);
    expect(await sg.sql(`SELECT reach FROM authorities WHERE code = 'VN-HCM-PROS'`)).toEqual([{ reach: 'PEER' }]);

    vnWorker = await startTestWorker(vn);
    sgWorker = await startTestWorker(sg);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await vnWorker?.close();
    await sgWorker?.close();
    await vn?.close();
    await sg?.close();
    process.stdout.write(`axe (federation): ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  /** A worker's pass of its node's outbox, repeated until nothing is due: every message delivered (a request's messages go one a pass, in order). */
  const deliverAll = async (worker: TestWorker, count: number) => {
    const delivery = worker.context.get(FederationDeliveryService);
    const reports = [];
    for (let pass = await delivery.deliverDue(); pass.length > 0; pass = await delivery.deliverDue()) reports.push(...pass);
    expect(reports.map((r) => [r.state, r.error])).toEqual(Array.from({ length: count }, () => ['DELIVERED', null]));
  };

  /** A worker's pass of the files announced to its node: each fetched, checked and received. */
  const fetchAll = async (worker: TestWorker, shas: string[]) => {
    const reports = await worker.context.get(FileFetcherService).fetchDue();
    expect(reports.map((r) => [r.sha256, r.state, r.error]).sort()).toEqual(shas.map((s) => [s, 'RECEIVED', null]).sort());
  };

  /** Acts through the API (what the console's own walks test elsewhere). */
  const act = async (t: TestApp, who: string, id: string, body: Json) => {
    const res = await t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', await t.login(who)).send(body);
    if (res.status !== 200) throw new Error(`${String(body.action)} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };

  /** Acts through the request page's Actions card and its dialog. */
  const actInConsole = async (p: Person, action: string, fill?: (dialog: Locator) => Promise<void>) => {
    await p.page.getByRole('button', { name: p.t(`action.${action}`), exact: true }).click();
    const dialog = p.page.getByRole('dialog', { name: p.t(`action.${action}`) });
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByRole('button', { name: p.t(`action.${action}`), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  };

  /** The name the console gives an authority in a language (its directory name in that language, else its name). */
  const authorityName = async (t: TestApp, code: string, lang: Lang) => {
    const list = (await t.http.get('/api/v1/authorities').set('authorization', await t.login(USERS.admin))).body.items as { code: string; name: string; names?: Record<string, string> }[];
    const a = list.find((x) => x.code === code);
    return a?.names?.[lang] ?? (a?.name as string);
  };

  /** An authority's name as the history names it (the name it is kept under on that node). */
  const nameOf = async (t: TestApp, code: string) => (await t.sql<{ name: string }>(`SELECT name FROM authorities WHERE code = $1`, [code]))[0]?.name as string;

  const stateOn = async (t: TestApp, id: string) => (await t.sql<{ state: string }>(`SELECT state FROM requests WHERE id = $1`, [id]))[0]?.state;

  const tab = (p: Person, name: string) => p.page.getByRole('tab', { name: p.t(name) }).click();
  const historyTable = (p: Person) => p.page.getByRole('table', { name: p.t('requests:history.caption') });
  const historyRow = (p: Person, action: string) => historyTable(p).getByRole('row').filter({ has: p.page.getByRole('cell', { name: action, exact: true }) });

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    let officer: Person;
    let prosecutor: Person;
    let id: string;
    const document = Buffer.from(`Decision to prosecute (${lang}): case 2026/114, the accused, the charges.\n`);
    const csv = Buffer.from(`subscriber,account\nNguyen Van A,acc-42 (${lang})\n`);

    beforeAll(async () => {
      officer = await Person.open(browser, sgUrl, `sg-officer-${lang}`, lang, 'Asia/Singapore');
      prosecutor = await Person.open(browser, vnUrl, `vn-prosecutor-${lang}`, lang, 'Asia/Ho_Chi_Minh');
      people.push(officer, prosecutor);
      await officer.signIn(USERS.sgOfficer, '/');
      await prosecutor.signIn(USERS.vnProsecutor, '/');
    }, 60_000);

    it('VN sends to SG; SG’s officer sees the letter and the document arriving from vn.test, then received, and acknowledges; VN’s history names who acted there', async () => {
      const bearer = await vn.login(USERS.vnProsecutor);
      const draft = await vn.http.post('/api/v1/requests').set('authorization', bearer).send(completeDraft(sgCa, { title: `Subscriber of the account (${lang})` }));
      expect(draft.status).toBe(201);
      id = draft.body.id as string;
      const attached = await vn.http.post(`/api/v1/requests/${id}/attachments`)
        .query({ kind: 'COURT_ORDER', language: 'en', fileName: `decision-${lang}.txt`, sha256: sha256(document), mediaType: 'text/plain' })
        .set('authorization', bearer).set('content-type', 'application/octet-stream').send(document);
      expect(attached.status).toBe(201);
      await act(vn, USERS.vnProsecutor, id, { action: 'submit' });
      expect((await act(vn, USERS.vnOfficer, id, { action: 'send' })).state).toBe('SENT');
      await deliverAll(vnWorker, 1);
      expect(await stateOn(sg, id)).toBe('SENT');
      const [letter] = await vn.sql<{ sha256: string }>(`SELECT sha256 FROM request_letters WHERE request_id = $1`, [id]);
      const letterSha = letter?.sha256 as string;

      // SG's officer: the letter and the document, arriving from vn.test
      const { page } = officer;
      await officer.goto(`/requests/${id}`);
      await tab(officer, 'requests:documents.tab');
      const section = page.getByRole('region', { name: officer.t('transmissions:files.title', { node: 'vn.test' }) });
      const files = section.getByRole('table', { name: officer.t('transmissions:files.caption') });
      const rowOf = (sha: string) => files.getByRole('row').filter({ hasText: sha });
      for (const sha of [letterSha, sha256(document)]) {
        await rowOf(sha).getByText(officer.t('transmissions:files.state.ARRIVING'), { exact: true }).waitFor();
        await rowOf(sha).getByText(officer.t('transmissions:files.arriving', { node: 'vn.test' }), { exact: true }).waitFor();
      }
      await rowOf(sha256(document)).getByRole('rowheader', { name: `decision-${lang}.txt` }).waitFor();
      expect(await section.getByRole('link').count()).toBe(0);
      await officer.axe('letter and documents, arriving from the other hub');
      await officer.shot('federation-files-arriving');

      // SG's worker fetches them from VN, checks and keeps them: received, each to download (the same bytes)
      await fetchAll(sgWorker, [letterSha, sha256(document)]);
      await rowOf(letterSha).getByText(officer.t('transmissions:files.state.RECEIVED'), { exact: true }).waitFor();
      await rowOf(letterSha).getByText(around(officer.t('transmissions:files.received'))).waitFor();
      const link = rowOf(sha256(document)).getByRole('link', { name: officer.t('transmissions:files.download', { name: `decision-${lang}.txt` }) });
      await link.waitFor();
      const got = await page.request.get(new URL((await link.getAttribute('href')) as string, sgUrl).toString());
      expect(got.status()).toBe(200);
      expect(sha256(await got.body())).toBe(sha256(document));
      await officer.axe('letter and documents, received from the other hub');
      await officer.shot('federation-files-received');

      // the history: received from the other hub, sent by VN's prosecutor there
      await tab(officer, 'requests:history.title');
      const received = historyRow(officer, officer.t('requests:history.receivedFromHub'));
      await received.getByText(officer.t('requests:history.receivedMessage', { node: 'vn.test' }), { exact: true }).waitFor();
      await received.getByRole('cell', { name: officer.t('requests:history.peerActor', { who: 'Trần Thị Bình', authority: await nameOf(sg, 'VN-CA'), node: 'vn.test' }), exact: true }).waitFor();

      // SG's officer acknowledges; SG's worker sends it to VN, which applies it
      await actInConsole(officer, 'acknowledge');
      await page.getByText(officer.t('state.ACKNOWLEDGED'), { exact: true }).first().waitFor();
      await deliverAll(sgWorker, 1);
      expect(await stateOn(vn, id)).toBe('ACKNOWLEDGED');

      await prosecutor.goto(`/requests/${id}`);
      await tab(prosecutor, 'requests:history.title');
      await historyRow(prosecutor, prosecutor.t('action.acknowledge'))
        .getByRole('cell', { name: prosecutor.t('requests:history.peerActor', { who: 'Rajesh Kumar', authority: await nameOf(vn, 'SG-CA'), node: 'sg.test' }), exact: true }).waitFor();
      await prosecutor.axe('history, an act of the other hub');
      expect(axeLog.findings).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
      expect(prosecutor.pageErrors).toEqual([]);
    }, 180_000);

    it('SG delivers evidence: on VN its file arrives, then is received; the prosecutor closes, the close waits for Singapore’s hub; SG decides: CLOSED on both, the history worded', async () => {
      // SG executes and delivers one file (through its API)
      await act(sg, USERS.sgOfficer, id, { action: 'start_execution', executingBody: 'SPF Technology Crime' });
      await act(sg, USERS.sgOfficer, id, {
        action: 'deliver_evidence', final: false,
        items: [{ description: `Subscriber CSV (${lang})`, kind: 'FILE', sha256: sha256(csv), sizeBytes: csv.length, transfer: 'UPLOAD', fileName: 'subscriber.csv', mediaType: 'text/csv' }],
      });
      const [item] = await sg.sql<{ id: string }>(`SELECT id FROM evidence_items WHERE request_id = $1`, [id]);
      const stored = await sg.http.put(`/api/v1/requests/${id}/evidence/${item?.id}/content`).set('authorization', await sg.login(USERS.sgOfficer)).set('content-type', 'application/octet-stream').send(csv);
      expect(stored.status).toBeLessThan(300);
      await act(sg, USERS.sgOfficer, id, { action: 'deliver_evidence', final: true });
      await deliverAll(sgWorker, 3);
      expect(await stateOn(vn, id)).toBe('EVIDENCE_RECEIVED');

      // VN: the item is there, its file arriving from sg.test
      const { page } = prosecutor;
      await prosecutor.goto(`/requests/${id}`);
      await tab(prosecutor, 'requests:evidence.title');
      const evidence = page.getByRole('table', { name: prosecutor.t('requests:evidence.caption') });
      const row = evidence.getByRole('row').filter({ hasText: `Subscriber CSV (${lang})` });
      await row.getByText(prosecutor.t('transmissions:files.state.ARRIVING'), { exact: true }).waitFor();
      await row.getByText(prosecutor.t('transmissions:files.evidenceArriving', { node: 'sg.test' }), { exact: true }).waitFor();
      expect(await row.getByRole('link').count()).toBe(0);
      await prosecutor.axe('evidence arriving from the other hub');
      await prosecutor.shot('federation-evidence-arriving');
      await fetchAll(vnWorker, [sha256(csv)]);
      const download = row.getByRole('link', { name: prosecutor.t('evidence:list.download', { name: 'subscriber.csv' }) });
      await download.waitFor();
      const got = await page.request.get(new URL((await download.getAttribute('href')) as string, vnUrl).toString());
      expect(sha256(await got.body())).toBe(sha256(csv));

      // the prosecutor closes: the close waits for Singapore's hub, the actions with it
      await actInConsole(prosecutor, 'close', (d) => d.getByLabel(labelled(prosecutor.t('field.outcome'))).fill('Subscriber identified'));
      const actions = page.getByRole('region', { name: prosecutor.t('requests:page.actions') });
      const notice = actions.getByRole('status').filter({ hasText: prosecutor.t('transmissions:pending.title') });
      const country = new Intl.DisplayNames([lang === 'vi' ? 'vi-VN' : 'en-GB'], { type: 'region' }).of('SG') as string;
      const waiting = prosecutor.t('transmissions:pending.text', { act: prosecutor.t('action.close'), authority: await authorityName(vn, 'SG-CA', lang), country, node: 'sg.test' });
      await notice.getByText(around(waiting)).waitFor();
      await notice.getByText(prosecutor.t('transmissions:pending.help'), { exact: true }).waitFor();
      const { pendingAct } = (await vn.http.get(`/api/v1/requests/${id}`).set('authorization', await vn.login(USERS.vnProsecutor))).body as Json;
      expect(pendingAct).toMatchObject({ action: 'close' });
      await notice.locator(`time[datetime="${pendingAct.proposedAt}"]`).waitFor();
      expect(await actions.getByRole('button').count()).toBe(0);
      expect(await actions.getByText(prosecutor.t('requests:page.noActions'), { exact: true }).count()).toBe(0);
      await tab(prosecutor, 'requests:history.title');
      await historyRow(prosecutor, prosecutor.t('action.act_proposed'))
        .getByText(prosecutor.t('requests:history.actProposed', { act: prosecutor.t('action.close'), node: 'sg.test' }), { exact: true }).waitFor();
      await prosecutor.axe('an act waiting for the other hub’s decision');
      await prosecutor.shot('federation-pending-close');

      // VN's worker sends it; SG decides it at once (CLOSED there) and its worker sends the decision back
      await deliverAll(vnWorker, 1);
      expect(await stateOn(sg, id)).toBe('CLOSED');
      await deliverAll(sgWorker, 1);
      expect(await stateOn(vn, id)).toBe('CLOSED');
      await notice.waitFor({ state: 'detached' });
      await page.getByText(prosecutor.t('state.CLOSED'), { exact: true }).first().waitFor();
      await historyRow(prosecutor, prosecutor.t('action.close'))
        .getByRole('cell', { name: `Nguyễn Văn An (${prosecutor.t('role.PROSECUTOR')}, ${await nameOf(vn, 'VN-HCM-PROS')})`, exact: true }).waitFor();
      await prosecutor.axe('closed, decided by the other hub');

      // SG: closed, by VN's prosecutor on vn.test
      await officer.goto(`/requests/${id}`);
      await officer.page.getByText(officer.t('state.CLOSED'), { exact: true }).first().waitFor();
      await tab(officer, 'requests:history.title');
      await historyRow(officer, officer.t('action.close'))
        .getByRole('cell', { name: officer.t('requests:history.peerActor', { who: 'Nguyễn Văn An', authority: await nameOf(sg, 'VN-HCM-PROS'), node: 'vn.test' }), exact: true }).waitFor();
      // VN's internal events never reached SG
      expect(await officer.page.getByRole('cell', { name: officer.t('action.act_proposed'), exact: true }).count()).toBe(0);
      await officer.axe('history on the requested hub, closed');
      await officer.shot('federation-closed-requested');
      expect(axeLog.findings).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
      expect(prosecutor.pageErrors).toEqual([]);
      expect(prosecutor.cspViolations).toEqual([]);
    }, 180_000);
  });
});
