import type { Browser, Page } from 'playwright-core';
import { cookieLogin } from '../support/sessions';
import { createTestApp, TestApp } from '../support/test-app';
import { launch } from './support/browser';

/**
 * The pages the API serves besides the console still work under their Content-Security-Policy
 * (issue 22 item 6): Swagger UI at /docs and the queue board at /admin/queues load in Chromium,
 * draw their content, report no CSP violation and no page error, and ask no other origin for
 * anything (the board's Google web fonts are dropped).
 */
describe('/docs and /admin/queues under their CSP, in a browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A page that records CSP violations, page errors and requests to other origins. */
  const watched = async (cookie?: string) => {
    const context = await browser.newContext();
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: base }]);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const seen = { violations: [] as string[], errors: [] as string[], foreign: [] as string[] };
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) seen.violations.push(m.text());
    });
    page.on('pageerror', (e) => seen.errors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) seen.foreign.push(r.url());
    });
    return { page, seen, close: () => context.close() };
  };

  const cspOf = async (page: Page, path: string) => (await page.goto(`${base}${path}`))?.headers()['content-security-policy'];

  it('Swagger UI draws the API’s operations', async () => {
    const { page, seen, close } = await watched();
    try {
      expect(await cspOf(page, '/docs')).toMatch(/script-src 'self';/);
      await page.getByText('MLA Hub API', { exact: false }).first().waitFor();
      await page.locator('.opblock').first().waitFor();
      expect(await page.locator('.opblock').count()).toBeGreaterThan(20);
      expect(seen).toEqual({ violations: [], errors: [], foreign: [] });
    } finally {
      await close();
    }
  });

  it('the queue board draws its queues for an admin (console session cookie)', async () => {
    const { page, seen, close } = await watched(await cookieLogin(t, 'admin@example.org'));
    try {
      expect(await cspOf(page, '/admin/queues')).toMatch(/frame-ancestors 'none'/);
      await page.getByText('deadlines', { exact: false }).first().waitFor();
      await page.getByText('notifications', { exact: false }).first().waitFor();
      expect(seen).toEqual({ violations: [], errors: [], foreign: [] });
    } finally {
      await close();
    }
  });
});
