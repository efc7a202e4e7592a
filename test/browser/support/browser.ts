/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { tr, type Lang } from './messages';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CONSOLE_DIST = join(__dirname, '..', '..', '..', 'apps', 'console', 'dist');
export const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS ? join(__dirname, '..', '..', '..', 'docs', 'screenshots') : null;
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A field's label as Playwright reads it: the words, and the asterisk of a required field. */
export function labelled(words: string): RegExp {
  return new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export interface AxeFinding {
  screen: string;
  id: string;
  impact: string;
  nodes: number;
  help: string;
  targets?: string[];
}

/** Every serious or critical axe finding of the run, and every screen checked. */
export const axeLog: { screens: string[]; findings: AxeFinding[] } = { screens: [], findings: [] };

/** A person at a browser: one context (own cookies, storage, time zone), signed in through the page. */
export class Person {
  readonly cspViolations: string[] = [];
  readonly pageErrors: string[] = [];
  /** The page's console errors (for a test's diagnostics). */
  readonly consoleErrors: string[] = [];
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly lang: Lang,
    readonly base: string,
  ) {
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) this.cspViolations.push(m.text());
      if (m.type() === 'error') this.consoleErrors.push(m.text().slice(0, 500));
    });
    page.on('pageerror', (e) => this.pageErrors.push(`${String(e)} ${(e.stack ?? '').slice(0, 600)}`));
  }

  static async open(browser: Browser, base: string, name: string, lang: Lang, timezoneId: string): Promise<Person> {
    const context = await browser.newContext({ timezoneId, locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return new Person(name, context, page, lang, base);
  }

  t(key: string, vars?: Record<string, string | number>): string {
    return tr(this.lang, key, vars);
  }

  /** Signs in through the sign-in page (in whatever language it shows), then picks this person's language. */
  async signIn(email: string, path = '/', password = 'demo-password-2026'): Promise<void> {
    const { page } = this;
    await page.goto(`${this.base}/sign-in?next=${encodeURIComponent(path)}`);
    await this.pickLanguage();
    await page.getByLabel(labelled(this.t('auth:email'))).fill(email);
    await page.getByLabel(labelled(this.t('auth:password'))).fill(password);
    await page.getByRole('button', { name: this.t('auth:submit') }).click();
    // signed in: the console now speaks the authority's language (or the one chosen before)
    await page.getByRole('button', { name: new RegExp(`^(${tr('en', 'auth:signOut')}|${tr('vi', 'auth:signOut')})$`) }).waitFor();
    await this.pickLanguage();
    await page.locator(`html[lang="${this.lang}"]`).waitFor({ state: 'attached' });
  }

  /** The language switch (English / Tiếng Việt): the label a person clicks. */
  async pickLanguage(): Promise<void> {
    const group = this.page.getByRole('group', { name: new RegExp(`^(${tr('en', 'language')}|${tr('vi', 'language')})$`) });
    await group.getByText(tr(this.lang, `languages.${this.lang}`), { exact: true }).click();
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.base}${path}`);
  }

  /** Picks an option of a labelled select (Mantine Select: the input, then the option). */
  async choose(label: string | RegExp, option: string | RegExp, within: Page | ReturnType<Page['getByRole']> = this.page): Promise<void> {
    await within.getByLabel(typeof label === 'string' ? labelled(label) : label).first().click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /** Runs axe-core on the screen as it is; records serious and critical findings. */
  async axe(screen: string): Promise<void> {
    // Colours are read as they end up: a dialog fading in (a CSS transition) would blend them (a spinner never ends: not waited for).
    await this.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
    await this.page.evaluate(AXE);
    const violations = await this.page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[]; help: string }[] }> } };
      const result = await w.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, targets: (v.nodes as { target: string[]; any?: { message: string }[] }[]).slice(0, 6).map((n) => `${n.target.join(' ')} :: ${(n.any ?? [])[0]?.message ?? ''}`.slice(0, 300)) }));
    });
    axeLog.screens.push(`${screen} (${this.lang})`);
    for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') axeLog.findings.push({ screen: `${screen} (${this.lang})`, ...v });
  }

  async shot(name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    // from the top: a full-page picture of a scrolled page repeats the fixed header midway
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}-${this.lang}.png`), fullPage: true });
  }

  /** A picture of one element (a dialog taller than the window), whole. */
  async shotOf(locator: ReturnType<Page['locator']>, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    // a window tall enough for the whole element (a dialog scrolls inside itself otherwise)
    const height = await locator.evaluate((el) => el.scrollHeight);
    const viewport = this.page.viewportSize() ?? { width: 1366, height: 900 };
    if (height + 120 > viewport.height) await this.page.setViewportSize({ width: viewport.width, height: height + 120 });
    await locator.screenshot({ path: join(SCREENSHOTS, `${name}-${this.lang}.png`) });
    await this.page.setViewportSize(viewport);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
