import { existsSync } from 'node:fs';
import type { Browser, CDPSession } from 'playwright-core';
import { totpCode } from '../../libs/identity/src/mfa/totp';
import { authorityId, createUser, loginAll } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';

/**
 * The second factor in a real browser, through the console alone (DESIGN §16): an officer
 * enrols an authenticator app (the QR code drawn in the page; the test computes the TOTP from
 * the key shown), keeps the recovery codes (downloaded), signs in again with the password and
 * a code, enrols a passkey on Chromium's virtual authenticator (the DevTools protocol's
 * WebAuthn domain) and signs in with it; a later change that needs a recent factor opens the
 * step-up dialog and goes through once it is given; with MFA_REQUIRED_ROLES, an officer lands
 * on the enrolment before anything else. The console is opened on
 * http://localhost:PORT: WebAuthn refuses an IP address as relying party id.
 */
describe('the second factor in the console (browser e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let person: Person;
  let cdp: CDPSession;
  let authenticatorId = '';
  let secret = '';
  const email = 'mfa.officer@vn.example';

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString() });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://localhost:${address.port}`;
    browser = await launch();
    const as = await loginAll(t);
    await createUser(t, as.admin, { email, displayName: 'MFA Officer', role: 'OFFICER', authorityId: await authorityId(t, 'VN-CA') });
    person = await Person.open(browser, base, 'officer', 'en', 'Asia/Ho_Chi_Minh');
    cdp = await person.context.newCDPSession(person.page);
    await cdp.send('WebAuthn.enable');
    const added = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    })) as { authenticatorId: string };
    authenticatorId = added.authenticatorId;
  }, 90_000);

  afterAll(async () => {
    await person?.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n`);
  });

  const signOut = async () => {
    await person.page.getByRole('button', { name: person.t('auth:signOut') }).click();
    await person.page.getByRole('button', { name: person.t('auth:submit') }).waitFor();
  };

  /** The password step; answers once the code step shows. */
  const password = async () => {
    const { page } = person;
    await person.goto('/sign-in');
    await page.getByLabel(labelled(person.t('auth:email'))).fill(email);
    await page.getByLabel(labelled(person.t('auth:password'))).fill('demo-password-2026');
    await page.getByRole('button', { name: person.t('auth:submit') }).click();
    await page.getByRole('heading', { name: person.t('auth:mfa.stepTitle') }).waitFor();
  };
  const signedIn = () => person.page.getByRole('button', { name: person.t('auth:signOut') }).waitFor();

  it('enrols an authenticator app from the QR code’s key, and shows the recovery codes once with a download', async () => {
    const { page } = person;
    await person.signIn(email, '/security');
    await page.getByRole('heading', { name: person.t('auth:mfa.securityTitle') }).waitFor();
    await page.getByText(person.t('auth:mfa.notEnrolled')).waitFor();
    await page.getByRole('button', { name: person.t('auth:mfa.totpStart') }).click();
    const qr = page.getByRole('img', { name: person.t('auth:mfa.qrAlt') });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;/);
    secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await person.axe('security: authenticator app');

    await page.getByLabel(labelled(person.t('auth:mfa.code'))).fill(await totpCode(secret, t.clock.now()));
    await page.getByRole('button', { name: person.t('auth:mfa.confirm') }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    expect(((await codes.textContent()) ?? '').trim().split('\n')).toHaveLength(10);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: person.t('auth:mfa.recoveryDownload') }).click()]);
    expect(download.suggestedFilename()).toBe('mla-hub-recovery-codes.txt');
    await person.axe('security: recovery codes');
    await page.getByRole('button', { name: person.t('auth:mfa.recoverySaved') }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/security'));
    expect(person.cspViolations).toEqual([]);
  });

  it('signs in with the password and the code the app shows', async () => {
    await signOut();
    await password();
    await person.axe('sign-in: code step');
    // The code of the next 30-second step (the one used at enrolment is never accepted again).
    t.clock.advance(30_000);
    await person.page.getByLabel(labelled(person.t('auth:mfa.code'))).fill(await totpCode(secret, t.clock.now()));
    await person.page.getByRole('button', { name: person.t('auth:mfa.verify') }).click();
    await signedIn();
  });

  it('enrols a passkey on the virtual authenticator and signs in with it', async () => {
    const { page } = person;
    await person.goto('/security');
    await page.getByLabel(person.t('auth:mfa.passkeyName')).fill('Virtual key');
    await page.getByRole('button', { name: person.t('auth:mfa.passkeyAdd') }).click();
    await page.getByTestId('passkeys').getByText('Virtual key').waitFor();
    const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as { credentials: unknown[] };
    expect(credentials).toHaveLength(1);

    await signOut();
    await password();
    await page.getByRole('button', { name: person.t('auth:mfa.usePasskey') }).click();
    await signedIn();
    const [row] = await t.sql<{ last_used_at: Date | null }>(`SELECT last_used_at FROM user_passkeys`);
    expect(row?.last_used_at).not.toBeNull();
  });

  it('asks for the factor again in a dialog when a change needs a recent one, then makes the change', async () => {
    const { page } = person;
    t.clock.advance(11 * 60_000);
    // This authenticator would refuse to make a second key for the same account: it forgets the first.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    await person.goto('/security');
    await page.getByLabel(person.t('auth:mfa.passkeyName')).fill('Second key');
    await page.getByRole('button', { name: person.t('auth:mfa.passkeyAdd') }).click();
    const dialog = page.getByRole('dialog', { name: person.t('auth:mfa.stepUpTitle') });
    await dialog.waitFor();
    await person.axe('step-up dialog');
    await dialog.getByLabel(labelled(person.t('auth:mfa.code'))).fill(await totpCode(secret, t.clock.now()));
    await dialog.getByRole('button', { name: person.t('auth:mfa.stepUpSubmit') }).click();
    // The passkey registration was sent again once the factor was given: the second key is there.
    await page.getByTestId('passkeys').getByText('Second key').waitFor();
    expect(axeLog.findings).toEqual([]);
    expect(person.pageErrors).toEqual([]);
  });
});

describe('a role that must have a second factor enrols it first (browser e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let person: Person;

  beforeAll(async () => {
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString(), env: { MFA_REQUIRED_ROLES: 'OFFICER' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    browser = await launch();
    person = await Person.open(browser, `http://localhost:${address.port}`, 'officer', 'en', 'Asia/Singapore');
  }, 90_000);

  afterAll(async () => {
    await person?.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('lands on the Security page with no navigation until the app is enrolled, then on the officer’s queue', async () => {
    const { page } = person;
    await person.signIn('officer@sg.example', '/queues/incoming');
    await page.waitForURL((url) => url.pathname === '/security');
    await page.getByText(person.t('auth:mfa.required')).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').count()).toBe(0);
    await page.getByRole('button', { name: person.t('auth:mfa.totpStart') }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    await page.getByLabel(labelled(person.t('auth:mfa.code'))).fill(await totpCode(secret, t.clock.now()));
    await page.getByRole('button', { name: person.t('auth:mfa.confirm') }).click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByRole('button', { name: person.t('auth:mfa.recoverySaved') }).click();
    // An officer lands where the work is: review when the country has requests in review, else incoming.
    await page.waitForURL((url) => url.pathname === '/queues/review' || url.pathname === '/queues/incoming');
    expect(await page.getByRole('navigation').getByRole('link').count()).toBeGreaterThan(0);
    expect(person.pageErrors).toEqual([]);
  });
});
