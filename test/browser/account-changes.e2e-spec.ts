import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { authorityId, createUser, loginAll, USERS } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { axeLog, CONSOLE_DIST, launch, Person } from './support/browser';

/**
 * A supervisor sees, on their landing page, the recent account changes touching their country
 * (issue 22 item 2): an admin creates a prosecutor, resets an officer's password and creates
 * another admin; the VN supervisor signs in and reads the three, each marked as opening
 * access, in English and in Vietnamese; the SG supervisor sees only the new admin.
 */
describe('the supervisor’s recent account changes, in a browser (e2e)', () => {
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
    const as = await loginAll(t);
    await createUser(t, as.admin, { email: 'new.prosecutor@vn.example', role: 'PROSECUTOR', authorityId: await authorityId(t, 'VN-HCM-PROS') });
    const [{ id: officerId }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [USERS.vnOfficer]);
    await t.http.patch(`/api/v1/users/${officerId}`).set('authorization', as.admin).send({ password: 'a-reset-password-2026' }).expect(200);
    await createUser(t, as.admin, { email: 'second.admin@example.org', role: 'ADMIN' });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await t?.close();
  });

  const open = async (email: string, lang: 'en' | 'vi') => {
    const person = await Person.open(browser, base, email, lang, 'Asia/Ho_Chi_Minh');
    people.push(person);
    await person.signIn(email, '/supervision');
    return person;
  };

  it.each([
    ['en', 'Recent account changes', ['Made an administrator', 'Password reset', 'Account created'], 'Opens access'],
    ['vi', 'Thay đổi tài khoản gần đây', ['Được chỉ định làm quản trị viên', 'Đặt lại mật khẩu', 'Tạo tài khoản'], 'Mở quyền truy cập'],
  ] as const)('the VN supervisor reads them (%s)', async (lang, title, kinds, opens) => {
    const vn = await open(USERS.vnSupervisor, lang);
    const panel = vn.page.getByRole('region', { name: title });
    await panel.waitFor();
    const rows = ['second.admin@example.org', USERS.vnOfficer, 'new.prosecutor@vn.example'].map((email) => panel.getByRole('row', { name: email }));
    for (const [i, row] of rows.entries()) {
      await row.waitFor();
      await expectText(row, kinds[i] as string);
      await expectText(row, opens);
      await expectText(row, USERS.admin);
    }
    await vn.axe(`account changes (${lang})`);
    expect(vn.cspViolations).toEqual([]);
    expect(vn.pageErrors).toEqual([]);
  });

  it('the SG supervisor sees the new admin, nothing of Viet Nam', async () => {
    const sg = await open(USERS.sgSupervisor, 'en');
    const panel = sg.page.getByRole('region', { name: 'Recent account changes' });
    await panel.getByRole('row', { name: 'second.admin@example.org' }).waitFor();
    expect(await panel.getByRole('row', { name: /vn\.example/ }).count()).toBe(0);
    expect(axeLog.findings.filter((f) => f.screen.startsWith('account changes'))).toEqual([]);
  });
});

async function expectText(locator: { textContent(): Promise<string | null> }, text: string): Promise<void> {
  expect(await locator.textContent()).toContain(text);
}
