import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { DAY } from '../support/test-clock';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

/**
 * The console in a real browser (Debian's Chromium through playwright-core), through the UI
 * alone: a PRESERVATION request and its follow-up from draft to CLOSED, by the VN prosecutor,
 * the VN officer, the SG officer and both supervisors, with an evidence file upload, a 412
 * between two browser contexts, an expired session, and the admin's screens; once in English
 * and once in Vietnamese. axe-core checks every screen (no serious or critical violation),
 * and no page breaks the Content-Security-Policy.
 */
const ZONES = { vn: 'Asia/Ho_Chi_Minh', sg: 'Asia/Singapore' };

/** A text as a literal part of a regular expression. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function dateIn(zone: string, plusDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays)).toISOString().slice(0, 10);
}

// Each step of the walk is several screens in a real browser: on a shared 2-core machine one takes over the default 30 s.
jest.setTimeout(90_000);

describe('the web console in a browser (e2e)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let browser: Browser;
  let base: string;
  const people: Person[] = [];
  /** Singapore's extra fields and their labels in both languages (GET /countries/SG, from config/countries.yaml). */
  let sgDetails: Record<string, { en: string; vi: string }>;

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString(), env: { EVIDENCE_MAX_BYTES: String(1024 * 1024) } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    worker = await startTestWorker(t);
    const sg = await t.http.get('/api/v1/countries/SG').set('authorization', await t.login('prosecutor@vn.example'));
    sgDetails = Object.fromEntries((sg.body.requiredDetails as { key: string; label: { en: string; vi: string } }[]).map((d) => [d.key, d.label]));
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await worker?.close();
    await t?.close();
    // The whole run's accessibility figures, for the closing note.
    process.stdout.write(`axe: ${axeLog.screens.length} screens checked, ${axeLog.findings.length} serious or critical violations\n`);
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help}\n${(f.targets ?? []).map((x) => `   ${x}\n`).join('')}`);
  });

  const open = async (name: string, email: string, lang: Lang, zone: string, path = '/') => {
    const person = await Person.open(browser, base, name, lang, zone);
    people.push(person);
    await person.signIn(email, path);
    return person;
  };

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    let vnp: Person;
    let vno: Person;
    let sgo: Person;
    let preservationId: string;
    let preservationRef: string;
    let followUpId: string;
    let followUpRef: string;

    const stateShown = (p: Person, state: string) => p.page.getByText(p.t(`state.${state}`), { exact: true }).first().waitFor();
    /** The writer's "Save and continue": saved, then on to the next step (its own address). */
    const next = async (p: Person, toStep: number, shows?: string) => {
      await p.page.getByRole('button', { name: p.t('writer:next') }).click();
      await p.page.waitForURL(new RegExp(`/edit\\?step=${toStep}$`));
      if (!shows) return;
      // The step's first field, or a failure that says what the page showed instead (a crash of the writer under load showed only in CI once).
      const field = p.page.getByLabel(labelled(shows));
      try {
        await field.waitFor();
      } catch (error) {
        const shown = (await p.page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 800);
        throw new Error(`step ${toStep} at ${p.page.url()} showed no "${shows}" field; the page said: ${shown}; console errors: ${p.consoleErrors.join(' | ') || 'none'} (${String(error)})`);
      }
    };
    const act = async (p: Person, action: string, fill?: (dialog: ReturnType<Person['page']['getByRole']>) => Promise<void>) => {
      await p.page.getByRole('button', { name: p.t(`action.${action}`), exact: true }).click();
      const dialog = p.page.getByRole('dialog', { name: p.t(`action.${action}`) });
      await dialog.waitFor();
      if (fill) await fill(dialog);
      await dialog.getByRole('button', { name: p.t(`action.${action}`), exact: true }).click();
      // Done when the dialog closes (a send renders and seals its letter first): never read the page before.
      await dialog.waitFor({ state: 'hidden' });
      return dialog;
    };

    /** Attaches a supporting document on the request page's "Letter and documents" tab. */
    const attachDocument = async (p: Person, kind: string, language: string, name: string, line: string) => {
      const form = p.page.getByRole('form', { name: p.t('requests:documents.attachTitle') });
      await p.choose(p.t('requests:documents.kind'), p.t(`documentKind.${kind}`), form);
      await p.choose(p.t('requests:documents.language'), p.t(`languages.${language}`), form);
      const [chooser] = await Promise.all([p.page.waitForEvent('filechooser'), form.getByRole('button', { name: p.t('requests:documents.file') }).click()]);
      await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(line.repeat(40)) });
      await form.getByText(/[0-9a-f]{64}/).waitFor();
      await form.getByRole('button', { name: p.t('requests:documents.attach'), exact: true }).click();
      await form.getByRole('status').filter({ hasText: name }).waitFor();
      await p.page.getByRole('link', { name: p.t('requests:documents.download', { name }) }).waitFor();
    };
    /** Downloads the letter of request in a language; answers its bytes. */
    const downloadLetter = async (p: Person, letterLang: 'en' | 'vi'): Promise<Buffer> => {
      const [download] = await Promise.all([
        p.page.waitForEvent('download'),
        p.page.getByRole('button', { name: p.t('requests:documents.letterIn', { language: p.t(`languages.${letterLang}`) }) }).click(),
      ]);
      const path = await download.path();
      return readFileSync(path as string);
    };

    it('signs in (the page in either language), and the prosecutor writes a preservation request step by step', async () => {
      vnp = await open('VN prosecutor', 'prosecutor@vn.example', lang, ZONES.vn, '/requests/new');
      const page = vnp.page;
      await page.getByRole('heading', { name: vnp.t('writer:titleNew') }).waitFor();
      await vnp.axe('writer, step 1');
      // the completeness check is live before anything is saved
      await page.getByRole('status').filter({ hasText: vnp.t('writer:incomplete_other', { count: 6 }) }).waitFor();
      await vnp.choose(vnp.t('field.requestedAuthorityId'), /SG-CA/);
      // what Singapore requires (GET /countries/SG), beside the form
      await page.getByRole('region', { name: vnp.t('writer:requirements.title', { country: 'Singapore' }) }).waitFor();
      await vnp.choose(vnp.t('field.priority'), vnp.t('priority.URGENT'));
      await vnp.axe('writer, country requirements');
      await vnp.shot('writer');
      // saved as a draft: the writer continues at the draft's own address
      await next(vnp, 1);
      preservationId = /requests\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
      await page.getByLabel(labelled(vnp.t('field.title'))).fill('Preserve the data of the account used in an online fraud');
      await page.getByLabel(labelled(vnp.t('field.offence.description'))).fill('Online fraud against 120 victims');
      await page.getByLabel(labelled(vnp.t('field.offence.provision'))).fill('Penal Code art. 174');
      await next(vnp, 2, vnp.t('field.facts'));
      await page.getByLabel(labelled(vnp.t('field.facts'))).fill('Victims transferred money after messages from the account.');
      await page.getByLabel(labelled(vnp.t('writer:measure', { n: 1 }))).fill("Preserve the account's stored data and logs");
      await next(vnp, 3);
      await page.getByLabel(labelled(vnp.t('field.value'))).fill('203.0.113.7');
      // an IP address without its time: the check names it on the field
      await page.getByRole('status').filter({ hasText: vnp.t('field.observedAt') }).waitFor();
      await page.getByLabel(vnp.t('writer:observedTime')).fill('2026-11-01T10:00');
      await vnp.axe('writer, identifiers');
      await next(vnp, 4);
      // Singapore's own rules (config/countries.yaml) are checked live too: its details, and a translation of a request in Vietnamese
      await page.getByRole('button', { name: new RegExp(escape(sgDetails.maximumPenalty[lang])) }).waitFor();
      await page.getByRole('button', { name: new RegExp(escape(sgDetails.maximumPenalty[lang])) }).click();
      await page.waitForURL(/\/edit\?step=2$/);
      await page.getByLabel(labelled(sgDetails.criminalMatterCertificate[lang])).fill('The People’s Procuracy of Ho Chi Minh City certifies that the request is made in respect of a criminal matter.');
      await page.getByLabel(labelled(sgDetails.maximumPenalty[lang])).fill('Life imprisonment (Penal Code 2015, art. 174(4)).');
      await vnp.axe('writer, Singapore’s details');
      await vnp.shot('writer-country-details');
      await next(vnp, 3);
      await next(vnp, 4);
      await page.getByRole('status').filter({ hasText: vnp.t('writer:incomplete_one', { count: 1 }) }).waitFor();
      await page.getByText(vnp.t('writer:attachTranslation', { country: 'Singapore' })).waitFor();
      await page.getByRole('link', { name: vnp.t('writer:openDocuments') }).click();
      await page.waitForURL(new RegExp(`/requests/${preservationId}#documents$`));
      // the court order and its English translation, hashed in the browser, verified by the server
      await attachDocument(vnp, 'COURT_ORDER', 'vi', 'quyet-dinh-khoi-to.pdf', '%PDF-1.4 Quyết định khởi tố vụ án hình sự số 42\n');
      await attachDocument(vnp, 'TRANSLATION', 'en', 'court-order-translation.pdf', '%PDF-1.4 Decision to initiate criminal proceedings no. 42\n');
      await vnp.axe('request page, letter and documents');
      await vnp.shot('request-documents');
      // the letter of request, generated from the request, before submit
      const draftLetter = await downloadLetter(vnp, 'vi');
      expect(draftLetter.subarray(0, 5).toString()).toBe('%PDF-');
      await page.getByRole('status').filter({ hasText: vnp.t('requests:documents.letterRendered', { hash: 'X' }).split('X')[0] as string }).waitFor();
      await act(vnp, 'submit');
      await stateShown(vnp, 'IN_REVIEW');
      preservationRef = (/^(\w{2}-\d{4}-\d{6})/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[1]) as string;
      expect(preservationRef).toMatch(/^VN-\d{4}-\d{6}$/);
      await vnp.axe('request page (in review)');
    });

    it('the VN officer finds it to review and sends it abroad', async () => {
      vno = await open('VN officer', 'officer@vn.example', lang, ZONES.vn, '/queues/review');
      await vno.page.getByRole('heading', { name: vno.t('queues:review') }).waitFor();
      await vno.page.getByRole('link', { name: preservationRef }).click();
      await vno.axe('queue → request page');
      await act(vno, 'send');
      await stateShown(vno, 'SENT');
    });

    it('the SG officer acknowledges; confirming the preservation from two browser contexts answers 412 to the later one', async () => {
      sgo = await open('SG officer', 'officer@sg.example', lang, ZONES.sg, '/queues/incoming');
      await sgo.page.getByRole('link', { name: preservationRef }).click();
      await sgo.axe('incoming request');
      // the letter as sent and the documents, abroad from send on
      await sgo.page.getByRole('tab', { name: sgo.t('requests:documents.tab') }).click();
      await sgo.page.getByRole('link', { name: sgo.t('requests:documents.download', { name: 'court-order-translation.pdf' }) }).waitFor();
      const sent = await downloadLetter(sgo, 'en');
      expect(sent.subarray(0, 5).toString()).toBe('%PDF-');
      await sgo.page.getByRole('status').filter({ hasText: sgo.t('requests:documents.letterFrozen', { hash: 'X' }).split('X')[0] as string }).waitFor();
      await sgo.axe('incoming request, the letter as sent');
      // the page's polls revalidate what it holds: 304, nothing read again
      await sgo.page.waitForResponse((res) => res.url().endsWith(`/api/v1/requests/${preservationId}`) && res.status() === 304);
      await sgo.shot('letter-as-sent');
      await sgo.page.getByRole('tab', { name: sgo.t('requests:history.title') }).click();
      await act(sgo, 'acknowledge', (d) => d.getByLabel(labelled(sgo.t('field.note'))).fill('Received; the provider is contacted.'));
      await stateShown(sgo, 'ACKNOWLEDGED');
      // a second session of the same office opens the same request
      const other = await open('SG officer, second window', 'officer@sg.example', lang, ZONES.sg, `/requests/${preservationId}`);
      await sgo.page.getByRole('button', { name: sgo.t('action.confirm_preservation'), exact: true }).click();
      const stale = sgo.page.getByRole('dialog', { name: sgo.t('action.confirm_preservation') });
      await stale.waitFor();
      await sgo.axe('confirm preservation dialog');
      await sgo.shot('dialog-confirm-preservation');
      await act(other, 'confirm_preservation', (d) => d.getByLabel(labelled(other.t('field.preservedUntil'))).fill(dateIn(ZONES.sg, 75)));
      await stateShown(other, 'PRESERVED');
      await stale.getByLabel(labelled(sgo.t('field.preservedUntil'))).fill(dateIn(ZONES.sg, 80));
      await stale.getByRole('button', { name: sgo.t('action.confirm_preservation'), exact: true }).click();
      await stale.getByRole('alert').filter({ hasText: sgo.t('problem.title.VERSION_CONFLICT') }).waitFor();
      await sgo.shot('conflict-412');
      await stale.getByRole('button', { name: sgo.t('reload') }).click();
      await stateShown(sgo, 'PRESERVED');
      await other.close();
    });

    it('the prosecutor writes the follow-up from the preservation (pre-filled), and the VN officer sends it', async () => {
      await vnp.goto(`/requests/${preservationId}`);
      await stateShown(vnp, 'PRESERVED');
      await vnp.page.getByRole('list', { name: vnp.t('deadlines.title') }).getByRole('listitem', { name: vnp.t('deadlineKind.PRESERVATION_EXPIRY') }).waitFor();
      await vnp.shot('request-preserved');
      await vnp.page.getByRole('button', { name: vnp.t('action.close'), exact: true }).click();
      const close = vnp.page.getByRole('dialog', { name: vnp.t('action.close') });
      await close.getByRole('link', { name: vnp.t('requests:dialog.createFollowUp') }).click();
      await vnp.page.getByRole('heading', { name: vnp.t('writer:titleFollowUp', { reference: preservationRef }) }).waitFor();
      await vnp.page.getByRole('alert').or(vnp.page.getByText(vnp.t('writer:relatedHelp', { reference: preservationRef }))).first().waitFor();
      // written in English, the language Singapore accepts (no translation needed then): chosen for the follow-up, in either console language
      await expect(vnp.page.getByLabel(labelled(vnp.t('writer:language'))).first().inputValue()).resolves.toBe(vnp.t('languages.en'));
      await next(vnp, 1);
      followUpId = /requests\/([0-9a-f-]{36})/.exec(vnp.page.url())?.[1] as string;
      // pre-filled in the follow-up's language (Singapore's: English), whatever the console's
      await expect(vnp.page.getByLabel(labelled(vnp.t('field.title'))).inputValue()).resolves.toBe(`Follow-up to ${preservationRef}: Preserve the data of the account used in an online fraud`);
      await next(vnp, 2, vnp.t('writer:measure', { n: 1 }));
      await expect(vnp.page.getByLabel(labelled(vnp.t('writer:measure', { n: 1 }))).inputValue()).resolves.toBe(`Produce the data preserved under preservation request ${preservationRef}`);
      // the details copied from the preservation, and the one a production of subscriber data adds
      await expect(vnp.page.getByLabel(labelled(sgDetails.maximumPenalty[lang])).inputValue()).resolves.toContain('Life imprisonment');
      await vnp.page.getByLabel(labelled(sgDetails.offenceMeasureLink[lang])).fill('The account received the victims’ payments; its subscriber data identify its holder.');
      for (let step = 3; step <= 4; step += 1) await next(vnp, step);
      await vnp.page.getByRole('status').filter({ hasText: vnp.t('writer:complete') }).waitFor();
      await vnp.page.getByRole('button', { name: vnp.t('writer:submit'), exact: true }).click();
      await vnp.page.waitForURL(new RegExp(`/requests/${followUpId}$`));
      followUpRef = (/^(\w{2}-\d{4}-\d{6})/.exec((await vnp.page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[1]) as string;
      await vno.goto('/queues/review');
      await vno.page.getByRole('link', { name: followUpRef }).click();
      await act(vno, 'send');
      await stateShown(vno, 'SENT');
    });

    it('overdue: the SG supervisor extends the follow-up’s acknowledgement; the VN supervisor reads the statistics and downloads them as CSV', async () => {
      // past the follow-up's acknowledgement (1 business day: a weekend may lie between)
      t.clock.advance(6 * DAY);
      await worker.runDue();
      const sgs = await open('SG supervisor', 'supervisor@sg.example', lang, ZONES.sg, '/supervision');
      const row = sgs.page.getByRole('row').filter({ has: sgs.page.getByRole('link', { name: followUpRef }) });
      await row.waitFor();
      await sgs.axe('overdue queue');
      await sgs.shot('overdue-queue');
      await row.getByRole('button', { name: `${sgs.t('supervision:extend')}: ${followUpRef}, ${sgs.t('deadlineKind.ACKNOWLEDGEMENT')}` }).click();
      const extend = sgs.page.getByRole('dialog', { name: sgs.t('supervision:extendOf', { kind: sgs.t('deadlineKind.ACKNOWLEDGEMENT'), reference: followUpRef }) });
      await extend.getByLabel(labelled(sgs.t('field.reason'))).fill('The provider confirmed receipt late');
      await extend.getByRole('button', { name: sgs.t('supervision:extend') }).click();
      await sgs.page.getByRole('status').filter({ hasText: sgs.t('supervision:extended') }).waitFor();

      const vns = await open('VN supervisor', 'supervisor@vn.example', lang, ZONES.vn, '/supervision/stats');
      await vns.page.getByRole('img', { name: new RegExp(vns.t('supervision:ack').replace(/[()]/g, '.')) }).waitFor();
      await vns.page.locator('canvas').first().waitFor();
      await vns.axe('statistics');
      await vns.shot('statistics');
      const [csv] = await Promise.all([vns.page.waitForEvent('download'), vns.page.getByRole('button', { name: vns.t('supervision:csv') }).click()]);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      // How each counterpart answers, and the yearly report with its CSV (issue 19, item 7).
      await vns.page.getByRole('table', { name: vns.t('supervision:figures.byCountry') }).waitFor();
      await vns.page.getByRole('table', { name: vns.t('supervision:figures.byAuthority') }).waitFor();
      const year = new Date().getFullYear();
      const report = vns.page.getByRole('table', { name: vns.t('supervision:report.caption', { year }) });
      await report.waitFor();
      await vns.page.getByRole('row', { name: new RegExp(vns.t('supervision:report.total')) }).first().waitFor();
      await vns.axe('statistics with the counterparts and the yearly report');
      await vns.shot('statistics-counterparts-report');
      const [reportCsv] = await Promise.all([vns.page.waitForEvent('download'), vns.page.getByRole('button', { name: vns.t('supervision:report.csv') }).click()]);
      expect(reportCsv.suggestedFilename()).toBe(`mla-report-${year}.csv`);
      await vns.goto('/supervision');
      await vns.page.getByRole('heading', { name: vns.t('supervision:overdue') }).waitFor();
      await vns.axe('overdue queue (requesting side)');
      await sgs.close();
      await vns.close();
    });

    it('the prosecutor closes the preservation naming its follow-up; the inbox shows the hand-overs', async () => {
      await worker.deliverAll();
      await vnp.goto(`/requests/${preservationId}`);
      await act(vnp, 'close', async (d) => {
        await d.getByLabel(labelled(vnp.t('field.outcome'))).fill('Data preserved; continued by the follow-up request');
        await vnp.choose(vnp.t('requests:dialog.followUp'), followUpRef, d as never);
      });
      await stateShown(vnp, 'CLOSED');
      await vnp.goto('/inbox');
      await vnp.page.getByRole('heading', { name: vnp.t('inbox:title') }).waitFor();
      const markRead = vnp.page.getByRole('button', { name: new RegExp(`^${vnp.t('inbox:markRead')}`) }).first();
      await markRead.waitFor();
      await vnp.axe('inbox');
      await vnp.shot('inbox');
      const before = await vnp.page.getByRole('button', { name: new RegExp(`^${vnp.t('inbox:markRead')}`) }).count();
      await markRead.click();
      // one button fewer once the API answered and the list refreshed
      await vnp.page.getByRole('button', { name: new RegExp(`^${vnp.t('inbox:markRead')}`) }).nth(before - 1).waitFor({ state: 'detached' });
    });

    it('the SG officer executes the follow-up and delivers a file: SHA-256 in the browser, upload with progress, verified by the server', async () => {
      await sgo.goto('/queues/incoming');
      await sgo.page.getByRole('link', { name: followUpRef }).click();
      await act(sgo, 'acknowledge');
      await stateShown(sgo, 'ACKNOWLEDGED');
      await act(sgo, 'start_execution', (d) => d.getByLabel(labelled(sgo.t('field.executingBody'))).fill('Singapore Police Force, Technology Crime'));
      await stateShown(sgo, 'IN_EXECUTION');
      await sgo.page.getByRole('button', { name: sgo.t('action.deliver_evidence'), exact: true }).click();
      const dialog = sgo.page.getByRole('dialog', { name: sgo.t('action.deliver_evidence') });
      await dialog.getByLabel(labelled(sgo.t('field.description'))).fill('Subscriber records of the account (CSV export)');
      const [chooser] = await Promise.all([sgo.page.waitForEvent('filechooser'), dialog.getByRole('button', { name: sgo.t('requests:dialog.file') }).click()]);
      await chooser.setFiles({ name: 'subscriber.csv', mimeType: 'text/csv', buffer: Buffer.from('account,name,registered\nX,Nguyen Van B,2025-01-02\n'.repeat(200)) });
      await dialog.getByRole('status').filter({ hasText: /[0-9a-f]{64}/ }).waitFor();
      await dialog.getByRole('checkbox', { name: sgo.t('field.final') }).check();
      await sgo.axe('deliver evidence dialog');
      await sgo.shot('dialog-deliver-evidence');
      await dialog.getByRole('button', { name: sgo.t('action.deliver_evidence'), exact: true }).click();
      await dialog.getByRole('status').filter({ hasText: sgo.t('requests:dialog.verified', { name: 'subscriber.csv', hash: '' }).split(',')[0] as string }).waitFor();
      await dialog.getByRole('progressbar').first().waitFor();
      await sgo.shot('evidence-verified');
      await dialog.getByRole('button', { name: sgo.t('requests:dialog.finish') }).click();
      await stateShown(sgo, 'EVIDENCE_RECEIVED');
    });

    it('the prosecutor sees the evidence, verifies the history’s chain and closes the follow-up; an expired session returns to sign-in and back', async () => {
      await vnp.goto(`/requests/${followUpId}`);
      await stateShown(vnp, 'EVIDENCE_RECEIVED');
      await vnp.page.getByRole('tab', { name: vnp.t('requests:evidence.title') }).click();
      const download = vnp.page.getByRole('link', { name: vnp.t('evidence:list.download', { name: 'subscriber.csv' }) });
      await download.waitFor();
      await vnp.axe('request page, evidence');
      await vnp.shot('request-evidence');
      const [file] = await Promise.all([vnp.page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toBe('subscriber.csv'); // the server's Content-Disposition (filename*)
      await vnp.page.getByRole('tab', { name: vnp.t('requests:history.title') }).click();
      await vnp.page.getByRole('button', { name: vnp.t('requests:history.verify') }).click();
      await vnp.page.getByRole('status').filter({ hasText: vnp.t('requests:history.valid', { count: 'X' }).split('X')[0] as string }).waitFor();
      await vnp.axe('request page, history');
      await vnp.shot('request-history');
      await act(vnp, 'close', (d) => d.getByLabel(labelled(vnp.t('field.outcome'))).fill('Evidence received; used in the investigation'));
      await stateShown(vnp, 'CLOSED');
      // the session ends under the user: the next poll sends them to sign-in, and signing in brings them back
      await vnp.context.clearCookies();
      await vnp.page.waitForURL(/\/sign-in\?next=/, { timeout: 15_000 });
      await vnp.page.getByText(vnp.t('auth:expired')).waitFor();
      await vnp.axe('sign-in');
      await vnp.shot('sign-in');
      await vnp.page.getByLabel(labelled(vnp.t('auth:email'))).fill('prosecutor@vn.example');
      await vnp.page.getByLabel(labelled(vnp.t('auth:password'))).fill('demo-password-2026');
      await vnp.page.getByRole('button', { name: vnp.t('auth:submit') }).click();
      await vnp.page.waitForURL(new RegExp(`/requests/${followUpId}$`));
      await stateShown(vnp, 'CLOSED');
      await vnp.goto('/requests');
      await vnp.page.getByRole('link', { name: followUpRef }).waitFor();
      await vnp.axe('my requests');
      await vnp.shot('my-requests');
    });

    it('the admin manages authorities (a webhook secret shown once, with a copy button), users and deliveries', async () => {
      const admin = await open('admin', 'admin@example.org', lang, ZONES.sg, '/manage/authorities');
      const page = admin.page;
      await page.getByRole('button', { name: `${admin.t('admin:edit')} SG-247` }).click();
      const edit = page.getByRole('dialog', { name: admin.t('admin:editOf', { code: 'SG-247' }) });
      await edit.getByLabel(labelled(admin.t('field.webhookUrl'))).fill(`http://127.0.0.1:9/${lang}`);
      await edit.getByRole('button', { name: admin.t('save') }).click();
      const secret = page.getByRole('region', { name: admin.t('admin:secretTitle', { code: 'SG-247' }) });
      await secret.getByLabel(admin.t('admin:secretLabel')).waitFor();
      expect(await secret.getByLabel(admin.t('admin:secretLabel')).inputValue()).toMatch(/^whsec_/);
      await secret.getByRole('button', { name: admin.t('copy') }).waitFor();
      await admin.axe('authorities');
      await admin.shot('admin-authorities');
      await admin.goto('/manage/users');
      await page.getByRole('cell', { name: 'officer@sg.example', exact: true }).waitFor();
      await page.getByRole('button', { name: admin.t('admin:createUser') }).click();
      const create = page.getByRole('dialog', { name: admin.t('admin:createUser') });
      await create.getByLabel(labelled(admin.t('field.displayName'))).fill(`Officer ${lang}`);
      await create.getByLabel(labelled(admin.t('field.email'))).fill(`officer-${lang}@sg.example`);
      await admin.choose(admin.t('field.authorityId'), /^SG-CA/, create as never);
      await create.getByLabel(labelled(admin.t('field.password'))).fill('a-long-password-2026');
      await admin.axe('create user dialog');
      await create.getByRole('button', { name: admin.t('admin:createUser') }).click();
      await page.getByRole('status').filter({ hasText: admin.t('admin:userCreated', { email: `officer-${lang}@sg.example` }) }).waitFor();
      await admin.axe('users');
      await admin.goto('/manage/deliveries');
      await page.getByRole('heading', { name: admin.t('admin:deliveries') }).waitFor();
      await admin.axe('webhook deliveries');
      await admin.close();
    });

    it('breaks no Content-Security-Policy and throws no page error', () => {
      for (const p of people) {
        expect([p.name, p.cspViolations]).toEqual([p.name, []]);
        expect([p.name, p.pageErrors]).toEqual([p.name, []]);
      }
    });
  });

  it('finds no serious or critical accessibility violation on any screen (axe-core)', () => {
    expect(axeLog.screens.length).toBeGreaterThan(20);
    expect(axeLog.findings).toEqual([]);
  });
});
