import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { act, authorityId, completeDraft, createDraft, loginAll, type UserKey } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { axeLog, CONSOLE_DIST, labelled, launch, Person } from './support/browser';
import type { Lang } from './support/messages';

/**
 * The console says plainly who acts next and speaks the user's language all through (issue
 * 21, items 5 and 6), in a real browser, in English and in Vietnamese: each role lands on the
 * queue where its work is; every queue names the party that must act ("(you)" for the user's
 * own turn) and its next deadline; the VN prosecutor's inbox reads the requesting side's text
 * of `send`; the browser's Back in the writer asks before unsaved facts are lost; a problem
 * reads in Vietnamese, never in the server's English; the history lists what an edit changed,
 * the documents in words and the people by name.
 */
const ZONES = { vn: 'Asia/Ho_Chi_Minh', sg: 'Asia/Singapore' };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The text of a request's row under a column (by its header's words). */
async function cellText(p: Person, reference: string, header: string, awaited?: string): Promise<string> {
  await p.page.getByRole('row').filter({ hasText: reference }).first().waitFor();
  const headers = (await p.page.getByRole('columnheader').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(' | ')}`);
  const row = p.page.getByRole('row').filter({ hasText: reference }).first();
  await row.waitFor();
  const cell = row.getByRole('cell').nth(index);
  // A name in the user's language comes with the directory, after the list: the cell is read once it shows what is awaited (or at the time limit).
  if (awaited) await cell.filter({ hasText: new RegExp(`^\\s*${awaited.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).waitFor({ timeout: 10_000 }).catch(() => undefined);
  return ((await cell.textContent()) ?? '').trim();
}

/** The SG central authority as the console names it in each language (its `names`, DESIGN §4). */
const SG_CA = { en: "Attorney-General's Chambers, Central Authority", vi: 'Cơ quan trung ương, Văn phòng Tổng Chưởng lý Singapore' } as const;

describe('who acts next, said plainly, in the user language (browser)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let browser: Browser;
  let base: string;
  let as: Record<UserKey, string>;
  const people: Person[] = [];

  beforeAll(async () => {
    if (!existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error('Build the console first: npm run console:build (scripts/test.sh does)');
    t = await createTestApp({ consoleDir: CONSOLE_DIST, clockStart: new Date().toISOString() });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    worker = await startTestWorker(t);
    as = await loginAll(t);
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close().catch(() => undefined)));
    await browser?.close();
    await worker?.close();
    await t?.close();
    for (const f of axeLog.findings) process.stdout.write(`axe finding: ${f.screen}: ${f.id} (${f.impact}) ${f.help}\n`);
  });

  const open = async (email: string, lang: Lang, zone: string, path = '/') => {
    const person = await Person.open(browser, base, email, lang, zone);
    people.push(person);
    await person.signIn(email, path);
    return person;
  };

  describe.each<Lang>(['en', 'vi'])('in %s', (lang) => {
    let inReview: Record<string, any>;
    let sent: Record<string, any>;

    beforeAll(async () => {
      const sgCa = await authorityId(t, 'SG-CA');
      // One request waiting in review, one sent abroad (and so told to both sides).
      inReview = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { title: `Waiting in review (${lang})` }));
      const file = Buffer.from(`%PDF-1.4 court order ${lang}\n`);
      const attached = await t.http
        .post(`/api/v1/requests/${inReview.id}/attachments`)
        .query({ kind: 'COURT_ORDER', language: 'vi', fileName: 'quyet-dinh.pdf', sha256: sha256(file), mediaType: 'application/pdf' })
        .set('authorization', as.vnProsecutor)
        .set('content-type', 'application/octet-stream')
        .send(file);
      expect(attached.status).toBe(201);
      // The whole form saved again with one field changed, as a console saves it.
      const current = await t.http.get(`/api/v1/requests/${inReview.id}`).set('authorization', as.vnProsecutor);
      const edited = await t.http
        .patch(`/api/v1/requests/${inReview.id}`)
        .set('authorization', as.vnProsecutor)
        .set('if-match', `"${current.body.version}"`)
        .send(completeDraft(sgCa, { title: `Waiting in review, renamed (${lang})` }));
      expect(edited.status).toBe(200);
      inReview = await act(t, as.vnProsecutor, inReview.id, { action: 'submit' });
      sent = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { title: `Sent abroad (${lang})` }));
      await act(t, as.vnProsecutor, sent.id, { action: 'submit' });
      sent = await act(t, as.vnOfficer, sent.id, { action: 'send' });
    });

    it('the VN officer lands on the review queue, where the central authority of Viet Nam (you) must act', async () => {
      const vno = await open('officer@vn.example', lang, ZONES.vn);
      await vno.page.waitForURL(/\/queues\/review$/);
      const you = vno.t('next.you', { party: vno.t('next.centralAuthority', { country: lang === 'vi' ? 'Việt Nam' : 'Vietnam' }) });
      expect(await cellText(vno, inReview.reference, vno.t('table.ballHolder'))).toBe(you);
      expect(await cellText(vno, inReview.reference, vno.t('table.nextDeadline'))).toMatch(new RegExp(`^${vno.t('deadlineKind.REVIEW')}: `));
      await vno.axe('review queue, who acts next');
      await vno.shot('queue-review-who-acts');
    });

    it('the SG officer lands on Incoming, and the sent request is theirs to act on', async () => {
      const sgo = await open('officer@sg.example', lang, ZONES.sg);
      await sgo.page.waitForURL(/\/queues\/incoming$/);
      await sgo.page.getByRole('heading', { name: sgo.t('queues:incoming') }).waitFor();
      const you = sgo.t('next.you', { party: sgo.t('next.authority', { name: SG_CA[lang], country: 'Singapore' }) });
      expect(await cellText(sgo, sent.reference, sgo.t('table.ballHolder'), you)).toBe(you);
      expect(await cellText(sgo, sent.reference, sgo.t('table.nextDeadline'))).toMatch(new RegExp(`^${sgo.t('deadlineKind.ACKNOWLEDGEMENT')}: `));
      await sgo.axe('incoming queue, who acts next');
      await sgo.shot('queue-incoming-who-acts');
    });

    it('the VN prosecutor: "My requests" with who acts next and the deadline; the inbox reads the requesting side’s text', async () => {
      const vnp = await open('prosecutor@vn.example', lang, ZONES.vn);
      await vnp.page.waitForURL(/\/requests$/);
      await vnp.page.getByRole('columnheader', { name: vnp.t('table.nextDeadline') }).waitFor();
      const sgNext = vnp.t('next.authority', { name: SG_CA[lang], country: 'Singapore' });
      expect(await cellText(vnp, sent.reference, vnp.t('table.ballHolder'), sgNext)).toBe(sgNext);
      expect(await cellText(vnp, sent.reference, vnp.t('table.nextDeadline'))).toMatch(new RegExp(`^${vnp.t('deadlineKind.ACKNOWLEDGEMENT')}: `));
      // and the request in review: the central authority must act, not the prosecutor's own office
      expect(await cellText(vnp, inReview.reference, vnp.t('table.ballHolder'))).toBe(vnp.t('next.centralAuthority', { country: lang === 'vi' ? 'Việt Nam' : 'Vietnam' }));
      expect(await vnp.page.getByRole('table').textContent()).not.toMatch(/Ball holder|\(SG\)/);
      await vnp.shot('my-requests-who-acts');
      await vnp.goto('/inbox');
      const told = vnp.page.getByRole('row').filter({ hasText: sent.reference }).first();
      // in the recipient authority's language (DESIGN §7): the HCMC procuracy's is Vietnamese
      await told.getByText(/đã được gửi ra nước ngoài/).first().waitFor();
      expect(await vnp.page.getByRole('table').textContent()).not.toMatch(/Đã nhận yêu cầu mới|New request .* received|quý cơ quan/);
      await vnp.shot('inbox-requesting-side');
    });

    it('the history: what an edit changed, the document in words, the people by name', async () => {
      const vnp = await open('prosecutor@vn.example', lang, ZONES.vn, `/requests/${inReview.id}`);
      await vnp.page.getByRole('tab', { name: vnp.t('requests:history.title') }).click();
      const history = vnp.page.getByRole('table', { name: vnp.t('requests:history.caption') });
      const edit = history.getByRole('row').filter({ hasText: vnp.t('action.edit') });
      await edit.getByText(vnp.t('requests:history.changed', { fields: vnp.t('field.title') }), { exact: true }).waitFor();
      const attach = history.getByRole('row').filter({ hasText: vnp.t('action.attach') });
      await attach.getByText(`${vnp.t('field.kind')}: ${vnp.t('documentKind.COURT_ORDER')}`).waitFor();
      const text = (await history.textContent()) ?? '';
      expect(text).not.toMatch(/fileName|mediaType|attachmentId|COURT_ORDER|\battach\b|details:/);
      // the prosecutor's own country: their name (the demo seed's display name)
      const [me] = await t.sql<{ display_name: string }>('SELECT display_name FROM users WHERE email = $1', ['prosecutor@vn.example']);
      await edit.getByText(new RegExp(`^${me!.display_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`)).waitFor();
      await vnp.axe('history, readable');
      await vnp.shot('history-readable');
    });

    it('a problem in the user language: a request not found, never the server’s English', async () => {
      const vnp = await open('prosecutor@vn.example', lang, ZONES.vn, '/requests/00000000-0000-4000-8000-000000000000');
      const alert = vnp.page.getByRole('alert');
      await alert.getByText(vnp.t('problem.title.NOT_FOUND'), { exact: true }).waitFor();
      expect(await alert.textContent()).not.toMatch(/was not found|Server message|Thông báo của máy chủ/);
      await vnp.shot('problem-not-found');
    });

    it('the browser’s Back in the writer asks before the typed facts are lost', async () => {
      const vnp = await open('prosecutor@vn.example', lang, ZONES.vn, '/requests');
      await vnp.page.locator('#main').getByRole('link', { name: vnp.t('requests:list.newRequest') }).click();
      await vnp.page.getByRole('heading', { name: vnp.t('writer:titleNew') }).waitFor();
      await vnp.choose(vnp.t('field.requestedAuthorityId'), /SG-CA/);
      // saved as a draft at the first step; then facts typed and not yet saved
      await vnp.page.getByRole('button', { name: vnp.t('writer:next') }).click();
      await vnp.page.waitForURL(/\/edit\?step=1$/);
      const title = vnp.page.getByLabel(labelled(vnp.t('field.title')));
      await title.fill('Typed, not yet saved');
      await vnp.page.goBack();
      const ask = vnp.page.getByRole('dialog', { name: vnp.t('writer:leave.title') });
      await ask.waitFor();
      await vnp.axe('writer, leave with unsaved typing');
      await vnp.shotOf(ask, 'writer-leave');
      await ask.getByRole('button', { name: vnp.t('writer:leave.stay') }).click();
      await ask.waitFor({ state: 'detached' });
      expect(vnp.page.url()).toMatch(/\/edit\?step=1$/);
      expect(await title.inputValue()).toBe('Typed, not yet saved');
      // leaving without saving, when the user says so
      await vnp.page.goBack();
      await ask.getByRole('button', { name: vnp.t('writer:leave.discard') }).click();
      await vnp.page.waitForURL(/\/requests$/);
    });
  });

  it('no serious accessibility finding on these screens', () => {
    expect(axeLog.findings).toEqual([]);
  });
});
