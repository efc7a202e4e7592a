import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { createTestApp, TestApp } from '../support/test-app';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

/**
 * The directory of authorities in a real browser (DESIGN §14), in English and in Vietnamese:
 * the admin searches it (by a country's name, a name in either language, a code), edits an entry
 * (the form's checks first, then saved), retires one and adds one; the prosecutor's writer offers
 * every authority of the directory grouped by country with its reach, never a retired one, and
 * the channels the requested country's rules allow. axe-core on every new screen.
 */
describe('the directory of authorities in a browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString(), directory: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await t?.close();
    process.stdout.write(`axe (directory screens): ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  const open = async (email: string, lang: Lang, path: string) => {
    const person = await Person.open(browser, base, email, lang, 'Asia/Ho_Chi_Minh');
    people.push(person);
    await person.signIn(email, path);
    return person;
  };

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    // Each language retires and adds its own entry.
    const retired = lang === 'en' ? 'US-CCIPS' : 'AU-AGD';
    const added = lang === 'en' ? 'NZ-CA' : 'NZ-247';
    const korea = lang === 'en' ? 'South Korea' : 'Hàn Quốc';

    it('the admin searches the directory, edits an entry, retires one and adds one', async () => {
      const admin = await open('admin@example.org', lang, '/manage/directory');
      const page = admin.page;
      await page.getByRole('heading', { name: admin.t('admin:directory.title') }).waitFor();
      await page.getByText('KR-MOJ', { exact: true }).waitFor();
      await admin.axe('directory');
      await admin.shot('directory');

      // search: a country's name in the reader's language, then a Vietnamese name without its accents, then a code
      const search = page.getByLabel(labelled(admin.t('admin:directory.search')));
      await search.fill(korea);
      await page.getByText(/KR-MOJ/).first().waitFor();
      expect(await page.getByText('US-OIA', { exact: true }).count()).toBe(0);
      await search.fill('van phong cac van de quoc te');
      await page.getByText('US-OIA', { exact: true }).waitFor();
      expect(await page.getByText('KR-MOJ', { exact: true }).count()).toBe(0);
      await search.fill('kr-moj');
      await page.getByText('KR-MOJ', { exact: true }).waitFor();

      // edit: the form's own check names the field, then the entry is saved
      await page.getByRole('button', { name: admin.t('admin:directory.editOf', { code: 'KR-MOJ' }) }).click();
      const dialog = page.getByRole('dialog', { name: admin.t('admin:directory.editOf', { code: 'KR-MOJ' }) });
      await dialog.waitFor();
      const email = dialog.getByLabel(labelled(admin.t('admin:directory.email')));
      await email.fill('not an address');
      await dialog.getByRole('button', { name: admin.t('save') }).click();
      await dialog.getByText(admin.t('admin:directory.errors.email')).waitFor();
      await admin.axe('directory, edit dialog');
      await admin.shotOf(dialog, 'directory-edit');
      await email.fill(`kr-${lang}@example.org`);
      await dialog.getByRole('button', { name: admin.t('save') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:directory.saved', { code: 'KR-MOJ' }) }).waitFor();
      await page.getByRole('link', { name: `kr-${lang}@example.org` }).waitFor();

      // retire
      await search.fill(retired);
      await page.getByRole('button', { name: admin.t('admin:directory.retireOf', { code: retired }) }).click();
      const confirm = page.getByRole('dialog', { name: admin.t('admin:directory.retireOf', { code: retired }) });
      await confirm.getByRole('button', { name: admin.t('admin:directory.retire') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:directory.retiredDone', { code: retired }) }).waitFor();
      await page.getByRole('button', { name: admin.t('admin:directory.restoreOf', { code: retired }) }).waitFor();
      await page.getByText(admin.t('admin:directory.retired'), { exact: true }).first().waitFor();

      // add
      await search.fill('');
      await page.getByRole('button', { name: admin.t('admin:directory.add') }).first().click();
      const add = page.getByRole('dialog', { name: admin.t('admin:directory.add') });
      await add.getByLabel(labelled(admin.t('field.code'))).fill(added);
      await add.getByLabel(labelled(admin.t('field.country'))).fill('NZ');
      await add.getByLabel(labelled(admin.t('admin:directory.nameEn'))).fill(`Crown Law Office (${lang})`);
      await add.getByLabel(labelled(admin.t('admin:directory.nameVi'))).fill(`Văn phòng Luật Hoàng gia New Zealand (${lang})`);
      await add.getByLabel(labelled(admin.t('field.timezone'))).fill('Pacific/Auckland');
      await add.getByLabel(labelled(admin.t('admin:directory.languages'))).fill('en');
      await add.getByLabel(labelled(admin.t('admin:directory.source'))).fill('Mutual Assistance in Criminal Matters Act 1992 (New Zealand)');
      await add.getByRole('button', { name: admin.t('admin:directory.add') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:directory.added', { code: added }) }).waitFor();
      await page.getByText(added, { exact: true }).waitFor();
      expect(admin.pageErrors).toEqual([]);
      expect(admin.cspViolations).toEqual([]);
    }, 90_000);

    it('the writer offers every authority of the directory by country, with its reach, never a retired one', async () => {
      const vnp = await open('prosecutor@vn.example', lang, '/requests/new');
      const page = vnp.page;
      await page.getByRole('heading', { name: vnp.t('writer:titleNew') }).waitFor();
      await page.getByLabel(labelled(vnp.t('field.requestedAuthorityId'))).first().click();
      const listbox = page.getByRole('listbox');
      await listbox.getByText(korea, { exact: true }).waitFor();
      const kr = page.getByRole('option', { name: /KR-MOJ/ });
      await kr.getByText(vnp.t('reach.OFFLINE'), { exact: true }).waitFor();
      await page.getByRole('option', { name: /SG-CA/ }).getByText(vnp.t('reach.LOCAL'), { exact: true }).waitFor();
      expect(await page.getByRole('option', { name: new RegExp(retired) }).count()).toBe(0);
      expect(await page.getByRole('option', { name: /VN-CA/ }).count()).toBe(0);
      await vnp.shot('writer-authority-picker');

      // the Philippines' 24/7 point: the channel rules come from GET /countries/PH
      await page.getByRole('option', { name: /PH-247/ }).click();
      await page.getByText(vnp.t('reach.OFFLINE'), { exact: true }).first().waitFor();
      await vnp.choose(vnp.t('field.legalBasis'), vnp.t('legalBasis.BUDAPEST_CONVENTION'));
      await vnp.choose(vnp.t('field.type'), vnp.t('type.SUBSCRIBER_INFO'));
      await vnp.choose(vnp.t('field.channel'), vnp.t('channel.CENTRAL_AUTHORITY'));
      await page.getByLabel(labelled(vnp.t('field.channel'))).first().click();
      expect(await page.getByRole('option', { name: vnp.t('channel.NETWORK_24_7') }).getAttribute('data-combobox-disabled')).toBe('true');
      await page.keyboard.press('Escape');
      await vnp.choose(vnp.t('field.type'), vnp.t('type.PRESERVATION'));
      await page.getByLabel(labelled(vnp.t('field.channel'))).first().click();
      await page.getByRole('option', { name: vnp.t('channel.NETWORK_24_7') }).click();
      await vnp.choose(vnp.t('field.type'), vnp.t('type.CONTENT_DATA'));
      const philippines = (await t.http.get('/api/v1/countries/PH').set('authorization', await t.login('prosecutor@vn.example'))).body.name as string;
      await page.getByText(vnp.t('writer:requirements.channelNotForRequest', { country: philippines, channels: vnp.t('channel.CENTRAL_AUTHORITY') })).waitFor();
      await vnp.axe('writer, directory picker');
      await vnp.shot('writer-channel-rules');
      expect(vnp.pageErrors).toEqual([]);
    }, 90_000);
  });
});
