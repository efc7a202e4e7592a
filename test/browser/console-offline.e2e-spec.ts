import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { createTestApp, TestApp } from '../support/test-app';
import { authorityId } from '../support/fixtures';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

const DAY = 86_400_000;

/**
 * A counterpart that works on no MLA Hub, through the console alone (DESIGN §14, issue 19's
 * "done when"): Viet Nam's officer sends a request to the U.S. Office of International Affairs
 * saying how the letter left, records the OIA's acknowledgement from its letter (the scan
 * uploaded), chases it twice (the chaser PDF downloaded each time), and records its answer with
 * the evidence; the history shows who acted and who recorded it. Then the "To chase" queue and
 * the form of a request received on paper. In English and in Vietnamese, axe on every screen.
 */
describe('counterparts not on MLA Hub in the console (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let oia: string;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString() });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    oia = await authorityId(t, 'US-OIA');
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await t?.close();
    process.stdout.write(`axe (offline counterparts): ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  /** A VN → US-OIA request submitted by the prosecutor (through the API: the writer has its own walk). */
  const submitted = async (title: string) => {
    const bearer = await t.login('prosecutor@vn.example');
    const created = await t.http.post('/api/v1/requests').set('authorization', bearer).send({
      type: 'SUBSCRIBER_INFO', priority: 'ROUTINE', channel: 'CENTRAL_AUTHORITY', legalBasis: 'RECIPROCITY', requestedAuthorityId: oia, language: 'en', title,
      offence: { description: 'Investment fraud', provision: 'Penal Code art. 174' }, facts: 'Victims paid into the account.',
      measures: ['Subscriber data of the account'], identifiers: [{ kind: 'EMAIL', value: 'dautu@example.com' }],
    });
    expect(created.status).toBe(201);
    await t.http.post(`/api/v1/requests/${created.body.id}/transitions`).set('authorization', bearer).send({ action: 'submit' }).expect(200);
    return created.body as { id: string; reference: string };
  };

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    let vno: Person;

    beforeAll(async () => {
      vno = await Person.open(browser, base, `officer-${lang}`, lang, 'Asia/Ho_Chi_Minh');
      people.push(vno);
      await vno.signIn('officer@vn.example', '/queues/review');
    });

    it('sends to the OIA, records its acknowledgement from a letter, chases it twice and records its answer with evidence', async () => {
      const r = await submitted(`Gmail accounts of an investment fraud (${lang})`);
      const { page } = vno;
      await vno.goto(`/requests/${r.id}`);
      // Send: the dialog asks how the signed letter left.
      await page.getByRole('button', { name: vno.t('action.send'), exact: true }).click();
      const send = page.getByRole('dialog');
      await send.getByText(vno.t('counterparts:transmission.legend')).waitFor();
      await vno.choose(vno.t('counterparts:transmission.channel'), vno.t('counterparts:channel.DIPLOMATIC'), send);
      await send.getByLabel(labelled(vno.t('counterparts:transmission.reference'))).fill('NV-1187/2026');
      await vno.shotOf(send, 'offline-send');
      await vno.axe('send to an OFFLINE authority');
      await send.getByRole('button', { name: vno.t('action.send'), exact: true }).click();
      await send.waitFor({ state: 'detached' });
      const panel = page.getByRole('region', { name: vno.t('counterparts:panel.title') });
      await panel.getByText('NV-1187/2026', { exact: false }).waitFor();

      // The OIA's acknowledgement, from its letter (the scan uploaded with it).
      const record = async (act: string, fill: (dialog: ReturnType<typeof page.getByRole>) => Promise<void>, reference: string, shot?: string) => {
        await panel.getByRole('button', { name: vno.t('counterparts:panel.record') }).click();
        const dialog = page.getByRole('dialog');
        await vno.choose(vno.t('counterparts:record.act'), vno.t(`action.${act}`), dialog);
        await fill(dialog);
        await dialog.locator('input[type="file"]').setInputFiles({ name: `${reference.replace(/\W/g, '-')}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 letter ${reference} ${lang}\n`) });
        await dialog.getByLabel(labelled(vno.t('counterparts:record.reference'))).fill(reference);
        if (shot) {
          await vno.shotOf(dialog, shot);
          await vno.axe('record an act from a letter');
        }
        await dialog.getByRole('button', { name: vno.t('counterparts:record.submit') }).click();
        await dialog.waitFor({ state: 'detached' });
        await panel.getByText(vno.t('counterparts:record.done')).waitFor();
      };
      await record('acknowledge', async () => undefined, 'IAD/2026/114', 'offline-record');
      await page.getByText(vno.t('state.ACKNOWLEDGED'), { exact: true }).first().waitFor();

      // Chased twice: the chaser downloaded (a PDF), then recorded.
      for (const n of [1, 2]) {
        await panel.getByRole('button', { name: vno.t('counterparts:panel.chase') }).click();
        const dialog = page.getByRole('dialog');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          dialog.getByRole('button', { name: vno.t('counterparts:chase.download', { lang: vno.t(`languages.${lang}`) }) }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`${r.reference}-chaser-${lang}.pdf`);
        await dialog.getByLabel(labelled(vno.t('counterparts:chase.reference'))).fill(`VKSTC-CH-0${n}`);
        if (n === 1) {
          await vno.shotOf(dialog, 'offline-chase');
          await vno.axe('send a chaser');
        }
        await dialog.getByRole('button', { name: vno.t('counterparts:chase.submit') }).click();
        await dialog.waitFor({ state: 'detached' });
        await panel.getByText(vno.t('counterparts:panel.chases', { count: n })).waitFor();
      }

      // Its answer: execution started, then the evidence (declared by hash and size) from the letter that came with it.
      await record('start_execution', async () => undefined, 'IAD/2026/131');
      await record('deliver_evidence', async (dialog) => {
        await dialog.getByLabel(labelled(vno.t('counterparts:record.evidenceDescription'))).fill('Subscriber records on a DVD');
        await dialog.getByLabel(labelled(vno.t('counterparts:record.evidenceSha256'))).fill('d'.repeat(64));
        await dialog.getByLabel(labelled(vno.t('counterparts:record.evidenceSize'))).fill('4096');
      }, 'IAD/2026/152');
      await page.getByText(vno.t('state.EVIDENCE_RECEIVED'), { exact: true }).first().waitFor();

      // The history: the OIA acted, Trần Thị Bình recorded it, from which letter.
      await page.getByRole('tab', { name: vno.t('requests:history.title') }).click();
      await page.getByText(new RegExp(`IAD/2026/114`)).first().waitFor();
      const line = await page.getByText(/IAD\/2026\/114/).first().textContent();
      expect(line).toContain('US-OIA');
      expect(line).toContain('Trần Thị Bình');
      await vno.shot('offline-request');
      await vno.axe('request to an OFFLINE authority');

      const events = (await t.http.get(`/api/v1/requests/${r.id}/events`).set('authorization', await t.login('officer@vn.example'))).body.items as { action: string; recorder?: unknown }[];
      expect(events.filter((e) => e.recorder).map((e) => e.action)).toEqual(['acknowledge', 'start_execution', 'deliver_evidence']);
      expect(events.filter((e) => e.action === 'chase')).toHaveLength(2);
      expect(vno.pageErrors).toEqual([]);
      expect(vno.cspViolations).toEqual([]);

      // The VN supervisor's figures have the United States' row: sent, answered, chased.
      const sup = await Person.open(browser, base, `supervisor-${lang}`, lang, 'Asia/Ho_Chi_Minh');
      people.push(sup);
      await sup.signIn('supervisor@vn.example', '/supervision/stats');
      const byCountry = sup.page.getByRole('table', { name: sup.t('supervision:figures.byCountry') });
      const us = byCountry.getByRole('row').filter({ has: sup.page.getByRole('rowheader', { name: new Intl.DisplayNames([lang], { type: 'region' }).of('US') as string, exact: true }) });
      await us.waitFor();
      const [sent, answered] = (await us.getByRole('cell').allTextContents()).map((c) => Number(c.trim()));
      expect(sent).toBeGreaterThanOrEqual(1);
      expect(answered).toBeGreaterThanOrEqual(1);
      expect(sup.pageErrors).toEqual([]);
    }, 180_000);

    it('lists "To chase" the oldest first, and registers a request received on paper', async () => {
      const late = await submitted(`Meta accounts of a sextortion ring (${lang})`);
      const officer = await t.login('officer@vn.example');
      await t.http.post(`/api/v1/requests/${late.id}/transitions`).set('authorization', officer)
        .send({ action: 'send', transmission: { channel: 'DIPLOMATIC', dispatchedAt: new Date(Date.now() - 45 * DAY).toISOString(), dispatchReference: 'NV-0945/2026' } }).expect(200);
      const { page } = vno;
      await page.getByRole('link', { name: vno.t('app:nav.toChase') }).click();
      await page.getByRole('link', { name: late.reference }).waitFor();
      // Who acts next, named as in the other queues: the OIA by its name in the user's language and its country, never a side and a code.
      const oia = { en: 'U.S. Department of Justice, Criminal Division, Office of International Affairs', vi: 'Văn phòng Các vấn đề Quốc tế, Vụ Hình sự, Bộ Tư pháp Hoa Kỳ' }[lang];
      const next = vno.t('next.authority', { name: oia, country: lang === 'vi' ? 'Hoa Kỳ' : 'United States' });
      const headers = (await page.getByRole('columnheader').allTextContents()).map((h) => h.trim());
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: late.reference }) });
      const ballHolder = row.getByRole('cell').nth(headers.indexOf(vno.t('table.ballHolder')));
      await ballHolder.filter({ hasText: next }).waitFor({ timeout: 10_000 }).catch(() => undefined);
      expect((await ballHolder.textContent())?.trim()).toBe(next);
      expect(await row.textContent()).not.toContain(vno.t('side.REQUESTED'));
      expect(await row.textContent()).not.toContain('US-OIA');
      // The pointer off the menu: a hovered menu entry is darker (the layout's own style, checked by the other walks).
      await page.mouse.move(700, 600);
      await vno.shot('offline-to-chase');
      await vno.axe('To chase');

      await page.getByRole('link', { name: vno.t('app:nav.receivedOnPaper') }).click();
      await vno.choose(vno.t('counterparts:incoming.requesting'), /US-OIA/);
      await page.getByLabel(labelled(vno.t('counterparts:incoming.title_'))).fill(`Bank records of a money mule (${lang})`);
      await vno.choose(vno.t('counterparts:transmission.channel'), vno.t('counterparts:channel.DIPLOMATIC'));
      await page.getByLabel(labelled(vno.t('counterparts:transmission.reference'))).fill('DOJ-OIA-182-55');
      await vno.shot('offline-incoming');
      await vno.axe('request received on paper');
      await page.getByRole('button', { name: vno.t('counterparts:incoming.submit') }).click();
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
      await page.getByText(vno.t('state.SENT'), { exact: true }).first().waitFor();
      await page.getByRole('region', { name: vno.t('counterparts:panel.title') }).getByText('DOJ-OIA-182-55', { exact: false }).waitFor();
    }, 120_000);
  });

  it('finds no serious or critical accessibility violation on these screens', () => {
    expect(axeLog.screens.length).toBeGreaterThanOrEqual(10);
    expect(axeLog.findings).toEqual([]);
  });
});
