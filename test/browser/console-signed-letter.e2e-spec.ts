import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { SealKeyStore, seedDemoSeals } from '@mla/seals';
import { act as actApi, authorityId, completeDraft, createDraft } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { axeLog, CONSOLE_DIST, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

/**
 * The signed letter in the console (issue 21): the send dialog offers the seal (its signer
 * named) or the signed copy; without a certificate only the copy, downloaded, signed and
 * uploaded bound to the letter; the request page then says who sealed the letter as sent.
 * In English and in Vietnamese, axe-checked, with screenshots.
 */
describe('the signed letter in the console (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString() });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await t?.close();
    process.stdout.write(`axe: ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  /** A request waiting to be sent, made through the API (the writer has its own tests). */
  async function inReview(title: string): Promise<{ id: string; reference: string }> {
    const prosecutor = await t.login('prosecutor@vn.example');
    const draft = await createDraft(t, prosecutor, completeDraft(await authorityId(t, 'SG-CA'), { title }));
    await actApi(t, prosecutor, draft.id as string, { action: 'submit' });
    return { id: draft.id as string, reference: draft.reference as string };
  }

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    let vno: Person;
    const sendDialog = async (p: Person) => {
      await p.page.getByRole('button', { name: p.t('action.send'), exact: true }).click();
      const dialog = p.page.getByRole('dialog', { name: p.t('action.send') });
      await dialog.waitFor();
      return dialog;
    };

    it('seals with the authority’s certificate, its signer named; the letter as sent says who sealed it', async () => {
      // the demo certificate (again, after the other language's walk removed it)
      await seedDemoSeals(t.app.get(DataSource), t.app.get(SealKeyStore), t.clock.now());
      const { id } = await inReview(`Sealed (${lang})`);
      vno = await Person.open(browser, base, 'VN officer', lang, 'Asia/Ho_Chi_Minh');
      people.push(vno);
      await vno.signIn('officer@vn.example', `/requests/${id}`);
      const dialog = await sendDialog(vno);
      await dialog.getByText(/CN=.*VN-CA/).waitFor();
      await dialog.getByRole('radio', { name: vno.t('requests:signed.seal') }).waitFor();
      expect(await dialog.getByRole('radio', { name: vno.t('requests:signed.seal') }).isChecked()).toBe(true);
      await vno.axe('send dialog, seal');
      await vno.shotOf(dialog, 'send-dialog-seal');
      await dialog.getByRole('button', { name: vno.t('action.send'), exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await vno.page.getByText(vno.t('state.SENT'), { exact: true }).first().waitFor();

      const sgo = await Person.open(browser, base, 'SG officer', lang, 'Asia/Singapore');
      people.push(sgo);
      await sgo.signIn('officer@sg.example', `/requests/${id}`);
      await sgo.page.getByRole('tab', { name: sgo.t('requests:documents.tab') }).click();
      const note = sgo.page.getByRole('note', { name: sgo.t('requests:documents.letter') });
      await note.getByText(sgo.t('requests:signed.sealedBy', { subject: 'X' }).split('X')[0] as string).waitFor();
      expect(await note.textContent()).toMatch(/CN=.*OU=VN-CA/);
      await sgo.axe('request page, sealed letter');
      await sgo.shot('letter-sealed-by');
    }, 120_000);

    it('without a certificate: the signed copy, downloaded, signed and uploaded, bound to the letter; then sent', async () => {
      const admin = await t.login('admin@example.org');
      const vnCa = await authorityId(t, 'VN-CA');
      const removed = await t.http.delete(`/api/v1/authorities/${vnCa}/seal-certificate`).set('authorization', admin);
      expect([204, 404]).toContain(removed.status);
      const { id } = await inReview(`Signed copy (${lang})`);
      await vno.goto(`/requests/${id}`);
      const dialog = await sendDialog(vno);
      await dialog.getByText(vno.t('requests:signed.noCertificate')).waitFor();
      expect(await dialog.getByRole('radio', { name: vno.t('requests:signed.seal') }).isDisabled()).toBe(true);
      // nothing to send yet: the copy is not uploaded
      expect(await dialog.getByRole('button', { name: vno.t('action.send'), exact: true }).isDisabled()).toBe(true);
      const [download] = await Promise.all([
        vno.page.waitForEvent('download'),
        dialog.getByRole('button', { name: vno.t('requests:signed.download', { language: vno.t('languages.en') }) }).click(),
      ]);
      const letter = readFileSync((await download.path()) as string);
      expect(letter.subarray(0, 5).toString()).toBe('%PDF-');
      await dialog.getByText(/[0-9a-f]{64}/).first().waitFor();
      const [chooser] = await Promise.all([vno.page.waitForEvent('filechooser'), dialog.getByRole('button', { name: vno.t('requests:signed.file') }).click()]);
      await chooser.setFiles({ name: 'letter-signed-stamped.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([letter, Buffer.from('\n% signed and stamped\n')]) });
      await dialog.getByRole('button', { name: vno.t('requests:signed.uploadButton') }).click();
      await dialog.getByRole('status').filter({ hasText: vno.t('requests:signed.uploaded', { hash: 'X', letter: 'Y' }).split('X')[0] as string }).waitFor();
      await vno.axe('send dialog, signed copy');
      // In a narrow window too, where the page's tables behind the dialog scroll sideways.
      const viewport = vno.page.viewportSize() ?? { width: 1366, height: 900 };
      await vno.page.setViewportSize({ width: 800, height: 600 });
      await vno.axe('send dialog, signed copy, narrow window');
      await vno.page.setViewportSize(viewport);
      await vno.shotOf(dialog, 'send-dialog-signed-copy');
      await dialog.getByRole('button', { name: vno.t('action.send'), exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await vno.page.getByText(vno.t('state.SENT'), { exact: true }).first().waitFor();
      await vno.page.getByRole('tab', { name: vno.t('requests:documents.tab') }).click();
      await vno.page.getByRole('note', { name: vno.t('requests:documents.letter') }).getByText(/letter-signed-stamped\.pdf/).waitFor();
      const [{ seal }] = await t.sql<{ seal: Record<string, unknown> }>(`SELECT input->'signedLetter' AS seal FROM request_events WHERE request_id = $1 AND action = 'send'`, [id]);
      expect(seal).toMatchObject({ method: 'UPLOADED', fileName: 'letter-signed-stamped.pdf' });
    }, 120_000);
  });

  it('finds no serious or critical accessibility violation on these screens (the send dialog in a narrow window included)', () => {
    expect(axeLog.screens.length).toBeGreaterThanOrEqual(8);
    expect(axeLog.findings).toEqual([]);
  });
});
