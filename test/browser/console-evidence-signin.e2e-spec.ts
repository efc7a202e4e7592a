import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, Route } from 'playwright-core';
import { totpCode } from '../../libs/identity/src/mfa/totp';
import { authorityId, createUser, loginAll, walkTo } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

/**
 * Issue 21 in a real browser, once in English and once in Vietnamese: a page reloaded while
 * an evidence file uploads leaves the item "file missing" (never "delivered"), and the
 * officer uploads it again from the request page (a wrong file refused in the browser, the
 * right one verified by the server); the sign-in page says how many attempts are left; an
 * admin resets a user's second factor from the users screen.
 */
const ZONE = 'Asia/Singapore';
const FILE = Buffer.from('account,name,registered\nX,Nguyen Van B,2025-01-02\n'.repeat(600));
const SHA = createHash('sha256').update(FILE).digest('hex');

describe('evidence re-upload, sign-in warning, second factor reset in a browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let as: Awaited<ReturnType<typeof loginAll>>;
  const requests: Record<Lang, { id: string; reference: string }> = {} as never;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString() });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launch();
    as = await loginAll(t);
    const vnCa = await authorityId(t, 'VN-CA');
    for (const lang of ['en', 'vi'] as const) {
      const r = await walkTo(t, as, 'IN_EXECUTION', { title: `Subscriber records (${lang})` });
      requests[lang] = { id: r.id as string, reference: r.reference as string };
      // a user with an authenticator app, whose factor the admin resets
      const email = `mfa-${lang}@vn.example`;
      await createUser(t, as.admin, { email, displayName: `Officer with a factor ${lang}`, role: 'OFFICER', authorityId: vnCa });
      const bearer = `Bearer ${(await t.http.post('/api/v1/auth/login').send({ email, password: 'demo-password-2026' })).body.accessToken as string}`;
      const started = await t.http.post('/api/v1/me/mfa/totp').set('authorization', bearer);
      const confirmed = await t.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', bearer).send({ code: await totpCode(started.body.secret, t.clock.now()) });
      expect(confirmed.status).toBe(200);
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await t?.close();
    process.stdout.write(`axe (evidence, sign-in, mfa reset): ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  const open = async (name: string, email: string, lang: Lang, path = '/') => {
    const person = await Person.open(browser, base, name, lang, ZONE);
    people.push(person);
    await person.signIn(email, path);
    return person;
  };

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    it('a reload during the upload leaves the file missing (never "delivered"); the officer uploads it again from the request page', async () => {
      const sgo = await open('SG officer', 'officer@sg.example', lang, `/requests/${requests[lang].id}`);
      const page = sgo.page;
      await page.getByRole('button', { name: sgo.t('action.deliver_evidence'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: sgo.t('action.deliver_evidence') });
      await dialog.getByLabel(labelled(sgo.t('field.description'))).fill('Subscriber records of the account (CSV export)');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: sgo.t('requests:dialog.file') }).click()]);
      await chooser.setFiles({ name: 'subscriber.csv', mimeType: 'text/csv', buffer: FILE });
      await dialog.getByRole('status').filter({ hasText: SHA }).waitFor();
      await dialog.getByRole('radio', { name: sgo.t('evidence:transfer.UPLOAD') }).waitFor();
      await sgo.shot('dialog-deliver-evidence-transfer');

      // The upload is held on its way (as a slow 20 MB upload would be) and the page reloaded meanwhile.
      let held!: (route: Route) => void;
      const intercepted = new Promise<Route>((resolve) => (held = resolve));
      await page.route('**/evidence/*/content', (route) => held(route));
      await dialog.getByRole('button', { name: sgo.t('action.deliver_evidence'), exact: true }).click();
      const upload = await intercepted;
      await dialog.getByText(sgo.t('evidence:delivery.recorded', { no: 1 })).waitFor();
      expect(await dialog.getByText(sgo.t('evidence:delivery.delivered')).count()).toBe(0);
      await sgo.shot('evidence-uploading');
      // The reload cuts the upload off: it never reaches the server (no unroute first, which would let it through).
      await upload.abort('aborted');
      await page.reload();
      await page.unroute('**/evidence/*/content');

      // the page settles (request, then its panels) before the tab is chosen
      await page.getByRole('heading', { name: new RegExp(requests[lang].reference) }).waitFor();
      const evidenceTab = page.getByRole('tab', { name: sgo.t('requests:evidence.title') });
      for (let attempt = 0; attempt < 3 && (await evidenceTab.getAttribute('aria-selected')) !== 'true'; attempt++) {
        await evidenceTab.click();
        await page.getByRole('tab', { name: sgo.t('requests:evidence.title'), selected: true }).waitFor({ timeout: 5_000 }).catch(() => undefined);
      }
      await page.getByText(sgo.t('evidence:badge.missing'), { exact: true }).waitFor().catch(async (e) => {
        process.stdout.write(`the request page, no "file missing" seen: ${await page.locator('main').innerText()}\n`);
        throw e;
      });
      await page.getByText(sgo.t('evidence:list.missingHelp')).waitFor();
      await sgo.axe('evidence, file missing');
      await sgo.shot('evidence-file-missing');

      await page.getByRole('button', { name: sgo.t('evidence:reupload.button') }).click();
      const again = page.getByRole('dialog', { name: sgo.t('evidence:reupload.title', { no: 1, item: 1 }) });
      // a wrong file: refused in the browser, never sent
      const [wrong] = await Promise.all([page.waitForEvent('filechooser'), again.getByRole('button', { name: sgo.t('evidence:reupload.file') }).click()]);
      await wrong.setFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('not the declared file\n') });
      await again.getByRole('alert').filter({ hasText: sgo.t('evidence:reupload.mismatch', { hash: 'X', size: 'Y' }).split('X')[0] as string }).waitFor();
      expect(await again.getByRole('button', { name: sgo.t('evidence:reupload.upload'), exact: true }).isDisabled()).toBe(true);
      await sgo.axe('re-upload dialog, wrong file');
      await sgo.shot('evidence-reupload-mismatch');
      const [right] = await Promise.all([page.waitForEvent('filechooser'), again.getByRole('button', { name: sgo.t('evidence:reupload.file') }).click()]);
      await right.setFiles({ name: 'subscriber.csv', mimeType: 'text/csv', buffer: FILE });
      await again.getByText(sgo.t('evidence:reupload.matches')).waitFor();
      await again.getByRole('button', { name: sgo.t('evidence:reupload.upload'), exact: true }).click();
      await again.getByRole('status').filter({ hasText: SHA }).waitFor();
      await sgo.shot('evidence-reupload-verified');
      await again.getByRole('button', { name: sgo.t('cancel') }).click();
      await page.getByText(sgo.t('evidence:badge.stored'), { exact: true }).waitFor();
      expect(await page.getByText(sgo.t('evidence:badge.missing'), { exact: true }).count()).toBe(0);
      await sgo.axe('evidence, file stored');
      await sgo.shot('evidence-file-stored');
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: sgo.t('evidence:list.download', { name: 'subscriber.csv' }) }).click()]);
      expect(file.suggestedFilename()).toBe('subscriber.csv');
      expect(sgo.pageErrors).toEqual([]);
    }, 120_000);

    it('the sign-in page says how many attempts are left before a pause', async () => {
      const stranger = await Person.open(browser, base, 'stranger', lang, ZONE);
      people.push(stranger);
      await stranger.goto('/sign-in');
      await stranger.pickLanguage();
      await stranger.page.getByLabel(labelled(stranger.t('auth:email'))).fill(`nobody-${lang}@vn.example`);
      for (const left of [9, 8]) {
        await stranger.page.getByLabel(labelled(stranger.t('auth:password'))).fill(`wrong-password-${left}`);
        await stranger.page.getByRole('button', { name: stranger.t('auth:submit') }).click();
        await stranger.page.getByRole('alert').filter({ hasText: stranger.t('auth:attemptsLeft_other', { count: left }) }).waitFor();
      }
      await stranger.axe('sign-in, attempts left');
      await stranger.shot('sign-in-attempts-left');
    }, 60_000);

    it('the admin resets a user’s second factor from the users screen', async () => {
      const email = `mfa-${lang}@vn.example`;
      const admin = await open('admin', 'admin@example.org', lang, '/manage/users');
      const page = admin.page;
      const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: email, exact: true }) });
      await row.getByText(admin.t('admin:mfaOn'), { exact: true }).waitFor();
      await page.getByRole('button', { name: admin.t('admin:resetMfaOf', { email }) }).click();
      const confirm = page.getByRole('dialog', { name: admin.t('admin:resetMfaOf', { email }) });
      await confirm.getByText(admin.t('admin:resetMfaConfirm', { name: `Officer with a factor ${lang}` })).waitFor();
      await admin.axe('reset second factor dialog');
      await admin.shot('admin-user-mfa-reset');
      await confirm.getByRole('button', { name: admin.t('admin:resetMfa'), exact: true }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:mfaResetDone', { email }) }).waitFor();
      await row.getByText(admin.t('admin:mfaOn'), { exact: true }).waitFor({ state: 'detached' });
      expect(await page.getByRole('button', { name: admin.t('admin:resetMfaOf', { email }) }).count()).toBe(0);
      const told = await t.sql(`SELECT 1 FROM outbox WHERE type = 'audit.second_factor_reset' AND payload->'data'->>'email' = $1`, [email]);
      expect(told.length).toBeGreaterThan(0);
    }, 60_000);
  });
});
