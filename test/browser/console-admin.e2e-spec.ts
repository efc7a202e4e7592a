import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { authorityId, createUser, loginAll, walkTo } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

/**
 * The console's admin and self-service screens in a real browser, through the UI alone, once
 * in English and once in Vietnamese: the admin edits a user and deactivates them (who can then
 * no longer sign in), a user changes their password (a wrong current one refused on its field,
 * the other session signed out) and signs in with the new one, the admin reads these changes in
 * the audit, adds a working-calendar year (the editor's checks on the fields first), and the
 * access log of a confidential request is read by those the API lets read it. axe-core on
 * every new screen.
 */
const ZONES = { vn: 'Asia/Ho_Chi_Minh', sg: 'Asia/Singapore' };
const FIRST_PASSWORD = 'first-password-2026';
const NEW_PASSWORD = 'a-new-password-2026!';

describe('the console’s admin and self-service screens in a browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let confidential: { id: string; reference: string };
  let as: Awaited<ReturnType<typeof loginAll>>;
  const sent: Record<Lang, { id: string; reference: string }> = {} as never;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString() });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await launch();
    // a confidential request, sent and acknowledged (through the API: the walk covers writing one)
    as = await loginAll(t);
    const r = await walkTo(t, as, 'ACKNOWLEDGED', { confidential: true, title: 'A confidential subscriber request' });
    confidential = { id: r.id as string, reference: r.reference as string };
    const sgCa = await authorityId(t, 'SG-CA');
    const sgPros = await authorityId(t, 'SG-PROS');
    for (const lang of ['en', 'vi'] as const) {
      // sent to SG-CA: its acknowledgement counts 5 business days in Singapore
      const s = await walkTo(t, as, 'SENT', { title: `Subscriber of an account (${lang})` });
      sent[lang] = { id: s.id as string, reference: s.reference as string };
      await createUser(t, as.admin, { email: `officer2-${lang}@sg.example`, displayName: `Second officer ${lang}`, role: 'OFFICER', authorityId: sgCa });
      await createUser(t, as.admin, { email: `prosecutor2-${lang}@sg.example`, displayName: `Second prosecutor ${lang}`, role: 'PROSECUTOR', authorityId: sgPros, password: FIRST_PASSWORD });
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await t?.close();
    process.stdout.write(`axe (admin screens): ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  const open = async (name: string, email: string, lang: Lang, zone: string, path = '/', password?: string) => {
    const person = await Person.open(browser, base, name, lang, zone);
    people.push(person);
    await person.signIn(email, path, password);
    return person;
  };

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    let admin: Person;
    const officer2 = `officer2-${lang}@sg.example`;
    const prosecutor2 = `prosecutor2-${lang}@sg.example`;
    const year = lang === 'en' ? 2031 : 2032;

    it('the admin edits a user (role) and deactivates them; that user can no longer sign in', async () => {
      admin = await open('admin', 'admin@example.org', lang, ZONES.sg, '/manage/users');
      const page = admin.page;
      await page.getByRole('cell', { name: officer2, exact: true }).waitFor();
      // never offered on one's own account (the API refuses it)
      await page.getByRole('button', { name: admin.t('admin:editUserOf', { email: 'admin@example.org' }) }).waitFor();
      expect(await page.getByRole('button', { name: admin.t('admin:deactivateOf', { email: 'admin@example.org' }) }).count()).toBe(0);

      await page.getByRole('button', { name: admin.t('admin:editUserOf', { email: officer2 }) }).click();
      const edit = page.getByRole('dialog', { name: admin.t('admin:editUserOf', { email: officer2 }) });
      await edit.waitFor();
      await admin.choose(admin.t('field.role'), admin.t('role.SUPERVISOR'), edit as never);
      await admin.axe('edit user dialog');
      await admin.shot('admin-user-edit');
      await edit.getByRole('button', { name: admin.t('save') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:userSaved', { email: officer2 }) }).waitFor();
      const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: officer2, exact: true }) });
      await row.getByRole('cell', { name: admin.t('role.SUPERVISOR'), exact: true }).waitFor();

      await page.getByRole('button', { name: admin.t('admin:deactivateOf', { email: officer2 }) }).click();
      const confirm = page.getByRole('dialog', { name: admin.t('admin:deactivateOf', { email: officer2 }) });
      await confirm.getByText(admin.t('admin:deactivateConfirm', { name: `Second officer ${lang}` })).waitFor();
      await admin.axe('deactivate user dialog');
      await admin.shot('admin-user-deactivate');
      await confirm.getByRole('button', { name: admin.t('admin:deactivate'), exact: true }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:userDeactivated', { email: officer2 }) }).waitFor();
      await row.getByText(admin.t('admin:inactive'), { exact: true }).waitFor();
      await page.getByRole('button', { name: admin.t('admin:reactivateOf', { email: officer2 }) }).waitFor();
      await admin.axe('users (edit and deactivate)');

      // the deactivated user at the sign-in page
      const gone = await Person.open(browser, base, 'deactivated officer', lang, ZONES.sg);
      people.push(gone);
      await gone.goto('/sign-in');
      await gone.pickLanguage();
      await gone.page.getByLabel(labelled(gone.t('auth:email'))).fill(officer2);
      await gone.page.getByLabel(labelled(gone.t('auth:password'))).fill('demo-password-2026');
      await gone.page.getByRole('button', { name: gone.t('auth:submit') }).click();
      await gone.page.getByRole('alert').filter({ hasText: gone.t('auth:wrong') }).waitFor();
      expect(gone.page.url()).toContain('/sign-in');
    });

    it('a user changes their password (a wrong current one refused on its field), their other session ends, and they sign in with the new one', async () => {
      const other = await open('prosecutor, other window', prosecutor2, lang, ZONES.sg, '/requests', FIRST_PASSWORD);
      const p = await open('prosecutor', prosecutor2, lang, ZONES.sg, '/requests', FIRST_PASSWORD);
      const page = p.page;
      await page.getByRole('button', { name: p.t('auth:changePassword.open') }).click();
      const dialog = page.getByRole('dialog', { name: p.t('auth:changePassword.title') });
      await dialog.getByLabel(labelled(p.t('auth:changePassword.current'))).fill('not-my-password-at-all');
      await dialog.getByLabel(labelled(p.t('auth:changePassword.new'))).fill(NEW_PASSWORD);
      await dialog.getByLabel(labelled(p.t('auth:changePassword.repeat'))).fill(NEW_PASSWORD);
      await dialog.getByRole('button', { name: p.t('auth:changePassword.submit') }).click();
      // the API's 403 on the field it names, in the user's language
      await dialog.getByText(p.t('auth:changePassword.wrongCurrent')).waitFor();
      await p.axe('change password dialog (refused)');
      await p.shot('change-password');
      await dialog.getByLabel(labelled(p.t('auth:changePassword.current'))).fill(FIRST_PASSWORD);
      await dialog.getByRole('button', { name: p.t('auth:changePassword.submit') }).click();
      const done = page.getByRole('dialog', { name: p.t('auth:changePassword.title') }).getByRole('status');
      await done.filter({ hasText: p.t('auth:changePassword.changed') }).waitFor();
      await done.getByText(p.t('auth:changePassword.otherSessions')).waitFor();
      await p.axe('change password dialog (changed)');
      await page.getByRole('dialog').getByRole('button', { name: p.t('close'), exact: true }).last().click();
      // this window stays signed in; the other one is sent to sign-in by its next poll
      await other.page.waitForURL(/\/sign-in\?next=/, { timeout: 15_000 });
      await page.getByRole('heading', { name: p.t('requests:list.mine') }).waitFor();
      // signing out, the old password no longer works and the new one does
      await page.getByRole('button', { name: p.t('auth:signOut') }).click();
      await page.waitForURL(/\/sign-in/);
      await page.getByLabel(labelled(p.t('auth:email'))).fill(prosecutor2);
      await page.getByLabel(labelled(p.t('auth:password'))).fill(FIRST_PASSWORD);
      await page.getByRole('button', { name: p.t('auth:submit') }).click();
      await page.getByRole('alert').filter({ hasText: p.t('auth:wrong') }).waitFor();
      await page.getByLabel(labelled(p.t('auth:password'))).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: p.t('auth:submit') }).click();
      await page.getByRole('button', { name: p.t('auth:signOut') }).waitFor();
      await page.getByRole('heading', { name: p.t('requests:list.mine') }).waitFor();
      await p.close();
      await other.close();
    });

    it('the admin adds a working-calendar year (the editor checks the days first) and it appears', async () => {
      await admin.goto('/calendars');
      const page = admin.page;
      await page.getByRole('heading', { name: admin.t('calendars:title') }).waitFor();
      // countries written out in the admin's language (Intl.DisplayNames)
      const vietNam = admin.lang === 'vi' ? 'Việt Nam' : 'Vietnam';
      await admin.choose(admin.t('calendars:country'), vietNam);
      await page.getByRole('heading', { name: admin.t('calendars:yearOf', { year: 2026 }) }).waitFor();
      await admin.axe('working calendars');
      await page.getByRole('button', { name: admin.t('calendars:addYear') }).click();
      const editor = page.getByRole('dialog', { name: admin.t('calendars:editorTitle', { country: vietNam }) });
      await editor.waitFor();
      await editor.getByLabel(labelled(admin.t('calendars:year'))).fill(String(year));
      const nonWorking = admin.t('calendars:nonWorkingDays');
      const makeUp = admin.t('calendars:makeUpWorkingDays');
      await editor.getByLabel(admin.t('calendars:rowDays', { list: nonWorking, n: 1 })).fill(`${year}-02-10 – ${year}-02-14`);
      await editor.getByLabel(admin.t('calendars:rowName', { list: nonWorking, n: 1 })).fill('Tết');
      await editor.getByLabel(admin.t('calendars:rowSource', { list: nonWorking, n: 1 })).fill(`Decision of the Prime Minister on the ${year} holidays, https://example.gov.vn/${year}`);
      await editor.getByRole('button', { name: admin.t('calendars:addRow', { list: makeUp }) }).click();
      // a Monday is no make-up working day (2031-01-06, 2032-01-05)
      const monday = year === 2031 ? '2031-01-06' : '2032-01-05';
      const saturday = year === 2031 ? '2031-01-04' : '2032-01-03';
      await editor.getByLabel(admin.t('calendars:rowDays', { list: makeUp, n: 1 })).fill(monday);
      await editor.getByRole('button', { name: admin.t('calendars:save') }).click();
      await editor.getByText(admin.t('calendars:problem.weekday', { date: monday })).waitFor();
      await admin.axe('calendar editor (a problem on a field)');
      await admin.shotOf(editor, 'calendar-editor');
      await editor.getByLabel(admin.t('calendars:rowDays', { list: makeUp, n: 1 })).fill(saturday);
      await editor.getByRole('button', { name: admin.t('calendars:save') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('calendars:saved', { country: 'VN', year, version: 1 }) }).waitFor();
      const card = page.getByRole('region', { name: admin.t('calendars:yearOf', { year }) });
      await card.getByText(admin.t('calendars:origin.ADMIN')).waitFor();
      await card.getByRole('table', { name: admin.t('calendars:captionNonWorking', { country: vietNam, year }) }).getByText('Tết', { exact: true }).waitFor();
      await card.getByRole('table', { name: admin.t('calendars:captionMakeUp', { country: vietNam, year }) }).getByRole('row').nth(1).waitFor();
      await admin.axe('working calendars (a year set)');
      await admin.shot('working-calendars');
    });

    it('the admin reads these changes in the audit: the user’s edit and deactivation, the calendar year', async () => {
      await admin.goto('/manage/audit');
      const page = admin.page;
      await page.getByRole('heading', { name: admin.t('admin:audit') }).waitFor();
      const userRows = page.getByRole('row').filter({ hasText: officer2 }).filter({ hasText: admin.t('admin:auditAction.user_updated') });
      await userRows.filter({ hasText: `${admin.t('admin:auditField.active')}: ${admin.t('admin:active')} → ${admin.t('admin:inactive')}` }).waitFor();
      await userRows.filter({ hasText: `${admin.t('field.role')}: ${admin.t('role.OFFICER')} → ${admin.t('role.SUPERVISOR')}` }).waitFor();
      await page.getByRole('row').filter({ hasText: admin.t('admin:auditAction.calendar_year_set') }).filter({ hasText: `VN ${year}` }).waitFor();
      await admin.axe('audit');
      // one target only
      await page.getByRole('button', { name: admin.t('admin:onlyTargetOf', { target: officer2 }) }).first().click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:onlyTargetShown', { target: officer2 }) }).waitFor();
      await page.getByRole('row').filter({ hasText: admin.t('admin:auditAction.user_created') }).filter({ hasText: officer2 }).waitFor();
      expect(await page.getByRole('row').filter({ hasText: admin.t('admin:auditAction.calendar_year_set') }).count()).toBe(0);
      await admin.shot('admin-audit');
      await page.getByRole('button', { name: admin.t('admin:allTargets') }).click();
      await page.getByRole('row').filter({ hasText: admin.t('admin:auditAction.calendar_year_set') }).first().waitFor();

      // a supervisor reads their own country's part of it: SG's users, not VN's calendar
      const sgs = await open('SG supervisor', 'supervisor@sg.example', lang, ZONES.sg, '/manage/audit');
      await sgs.page.getByRole('navigation').getByRole('link', { name: sgs.t('app:nav.audit') }).waitFor();
      await sgs.page.getByRole('row').filter({ hasText: officer2 }).filter({ hasText: sgs.t('admin:auditAction.user_updated') }).first().waitFor();
      expect(await sgs.page.getByRole('row').filter({ hasText: `VN ${year}` }).count()).toBe(0);
      await sgs.axe('audit (supervisor)');
      await sgs.close();
    });

    it('a change of the working calendar moves a running deadline counted in business days, and the request’s history says so', async () => {
      // the day the acknowledgement is due, in Singapore, becomes a non-working day
      const before = await t.http.get(`/api/v1/requests/${sent[lang].id}`).set('authorization', as.sgOfficer);
      const ack = (before.body.deadlines as { kind: string; dueAt: string }[]).find((d) => d.kind === 'ACKNOWLEDGEMENT') as { dueAt: string };
      const dueDay = new Intl.DateTimeFormat('en-CA', { timeZone: ZONES.sg, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ack.dueAt));
      const dueYear = Number(dueDay.slice(0, 4));
      await admin.goto('/calendars');
      const page = admin.page;
      await admin.choose(admin.t('calendars:country'), 'Singapore');
      const nonWorking = admin.t('calendars:nonWorkingDays');
      const replace = page.getByRole('button', { name: admin.t('calendars:replaceYear', { year: dueYear }) });
      await page.getByRole('heading', { name: admin.t('calendars:yearOf', { year: 2026 }) }).waitFor();
      // Singapore's days shown (not the home country's, still on the page while Singapore's load)
      await page.getByRole('table', { name: admin.t('calendars:captionNonWorking', { country: 'Singapore', year: 2026 }) }).waitFor();
      if ((await replace.count()) > 0) {
        await replace.click();
      } else {
        await page.getByRole('button', { name: admin.t('calendars:addYear') }).click();
        await page.getByRole('dialog').getByLabel(labelled(admin.t('calendars:year'))).fill(String(dueYear));
      }
      const editor = page.getByRole('dialog', { name: admin.t('calendars:editorTitle', { country: 'Singapore' }) });
      await editor.getByRole('button', { name: admin.t('calendars:addRow', { list: nonWorking }) }).click();
      const rowLabel = (key: string) => new RegExp(`^${admin.t(key, { list: nonWorking, n: '§' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('§', '\\d+')}$`);
      await editor.getByLabel(rowLabel('calendars:rowDays')).last().fill(dueDay);
      await editor.getByLabel(rowLabel('calendars:rowName')).last().fill(`Day of rest (${lang})`);
      await editor.getByLabel(rowLabel('calendars:rowSource')).last().fill('Ministry of Manpower announcement, https://example.gov.sg/rest-day');
      await editor.getByRole('button', { name: admin.t('calendars:save') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('calendars:recomputation.DONE') }).waitFor();

      const after = await t.http.get(`/api/v1/requests/${sent[lang].id}`).set('authorization', as.sgOfficer);
      const moved = (after.body.deadlines as { kind: string; dueAt: string }[]).find((d) => d.kind === 'ACKNOWLEDGEMENT') as { dueAt: string };
      expect(new Date(moved.dueAt).getTime()).toBeGreaterThan(new Date(ack.dueAt).getTime());

      const sgo = await open('SG officer (calendar)', 'officer@sg.example', lang, ZONES.sg, `/requests/${sent[lang].id}`);
      const history = sgo.page.getByRole('table', { name: sgo.t('requests:history.caption') });
      const row = history.getByRole('row').filter({ hasText: sgo.t('action.recompute_deadlines') });
      await row.getByText(sgo.t('requests:history.recomputed', { country: 'Singapore' })).first().waitFor();
      await row.getByText(new RegExp(`^${sgo.t('deadlineKind.ACKNOWLEDGEMENT')} \\(5 `)).first().waitFor();
      await sgo.axe('request page, history with a recomputed deadline');
      await sgo.shotOf(history, 'history-recomputed');
      await sgo.close();
    });

    it('the access log of a confidential request: shown to the requested authority’s officer and the supervisors, never offered to the prosecutor', async () => {
      const sgo = await open('SG officer', 'officer@sg.example', lang, ZONES.sg, `/requests/${confidential.id}`);
      await sgo.page.getByRole('heading', { level: 1, name: new RegExp(confidential.reference) }).waitFor();
      await sgo.page.getByRole('tab', { name: sgo.t('requests:accessLog.title') }).click();
      const log = sgo.page.getByRole('table', { name: sgo.t('requests:accessLog.caption') });
      await log.getByRole('row').filter({ hasText: 'officer@sg.example' }).filter({ hasText: sgo.t('requests:accessLog.kind.request') }).first().waitFor();
      await sgo.axe('request page, access log');
      await sgo.shot('request-access-log');

      const vns = await open('VN supervisor', 'supervisor@vn.example', lang, ZONES.vn, `/requests/${confidential.id}`);
      await vns.page.getByRole('tab', { name: vns.t('requests:accessLog.title') }).click();
      // the requesting side's supervisors read every side's reads
      await vns.page.getByRole('table', { name: vns.t('requests:accessLog.caption') }).getByRole('row').filter({ hasText: 'officer@sg.example' }).first().waitFor();

      const vnp = await open('VN prosecutor', 'prosecutor@vn.example', lang, ZONES.vn, `/requests/${confidential.id}`);
      await vnp.page.getByRole('tab', { name: vnp.t('requests:history.title') }).waitFor();
      expect(await vnp.page.getByRole('tab', { name: vnp.t('requests:accessLog.title') }).count()).toBe(0);
      await Promise.all([sgo.close(), vns.close(), vnp.close()]);
      await admin.close();
    });

    it('breaks no Content-Security-Policy and throws no page error', () => {
      for (const p of people) {
        expect([p.name, p.cspViolations]).toEqual([p.name, []]);
        expect([p.name, p.pageErrors]).toEqual([p.name, []]);
      }
    });
  });

  it('finds no serious or critical accessibility violation on any new screen (axe-core)', () => {
    expect(axeLog.screens.length).toBeGreaterThanOrEqual(20);
    expect(axeLog.findings).toEqual([]);
  });
});
