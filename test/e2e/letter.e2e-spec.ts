import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RenderPool } from '../../libs/requests/src/letters/render-pool';
import { LETTER_LABELS, MOTTO, NATIONAL_TITLE } from '@mla/letters';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, binaryBody, completeDraft, createDraft, expectProblem, loginAll, UserKey } from '../support/fixtures';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Text and fonts of a PDF with poppler-utils (installed by .ci/run when missing). */
function pdfTools(pdf: Buffer): { text: string; fonts: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mla-letter-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    return {
      // Lines joined: a heading wrapped over two lines still reads as one.
      text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
      fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** With CONSOLE_SCREENSHOTS set: the first and the last page of a letter as PNG in docs/screenshots (pdftoppm), to look at. */
function screenshots(pdf: Buffer, name: string): void {
  if (!process.env.CONSOLE_SCREENSHOTS) return;
  const dir = mkdtempSync(join(tmpdir(), 'mla-letter-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    const out = join(__dirname, '..', '..', 'docs', 'screenshots');
    for (const [page, suffix] of [[1, 'page-1'], [pages, 'last-page']] as const) {
      execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', '-f', String(page), '-l', String(page), file, join(out, `${name}-${suffix}`)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The letter of request (issue 13): rendered from the request, frozen at send, the frozen bytes' SHA-256 in the send event. */
describe('letter of request (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let requestId: string;
  let reference: string;
  const order = Buffer.from('%PDF-1.4 Quyết định khởi tố\n'.repeat(20));

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    const draft = await createDraft(
      t,
      as.vnProsecutor,
      completeDraft(await authorityId(t, 'SG-CA'), {
        title: 'Lừa đảo chiếm đoạt tài sản qua mạng "SaigonCoin"',
        measures: ['Provide the subscriber information of the account', 'Provide the log-in IP addresses from 1 January 2026'],
        facts: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh đang điều tra một sàn đầu tư tiền ảo giả mạo đã chiếm đoạt khoảng 12 tỷ đồng của 340 bị hại.',
        confidential: true,
      }),
    );
    requestId = draft.id;
    reference = draft.reference;
    const attached = await t.http
      .post(`/api/v1/requests/${requestId}/attachments`)
      .query({ kind: 'COURT_ORDER', language: 'vi', fileName: 'quyet-dinh.pdf', sha256: sha256(order) })
      .set('authorization', as.vnProsecutor)
      .set('content-type', 'application/octet-stream')
      .send(order);
    expect(attached.status).toBe(201);
  });
  afterAll(() => t.close());

  const letter = (who: UserKey, lang?: string) =>
    t.http
      .get(`/api/v1/requests/${requestId}/letter`)
      .query(lang ? { lang } : {})
      .set('authorization', as[who])
      .buffer(true)
      .parse(binaryBody);

  it('renders a draft’s letter in Vietnamese: every section heading, the reference, the measures, diacritics intact, fonts embedded', async () => {
    const res = await letter('vnProsecutor', 'vi');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-letter-frozen']).toBe('false');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['x-content-sha256']).toBe(sha256(pdf));
    const { text, fonts } = pdfTools(pdf);
    const s = LETTER_LABELS.vi.sections;
    expect(text).toContain(LETTER_LABELS.vi.title);
    for (const heading of [s.authorities, s.legalBasis, s.subject, s.offence, s.facts, s.assistance, s.identifiers, s.additional, s.urgency, s.confidentiality, s.documents, s.contact]) {
      expect([heading, text.includes(heading)]).toEqual([heading, true]);
    }
    // Singapore's extra fields, labelled in Vietnamese, content as written.
    expect(text).toContain('Mức hình phạt cao nhất của tội phạm');
    expect(text).toContain('Life imprisonment (Penal Code 2015, art. 174(4)).');
    expect(text).toContain(reference);
    expect(text).toContain('Viện kiểm sát nhân dân');
    expect(text).toContain('Lừa đảo chiếm đoạt tài sản qua mạng');
    expect(text).toContain('Provide the subscriber information of the account');
    expect(text).toContain(sha256(order));
    expect(text).toMatch(/Trang 1 \/ \d+/);
    // Decree 30/2020/NĐ-CP: national title and motto, the superior and the issuing authority in the letter's language, a draft's number unfilled, place and date, recipients
    for (const element of [NATIONAL_TITLE, MOTTO, 'VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO', 'VIỆN KIỂM SÁT NHÂN DÂN THÀNH', 'PHỐ HỒ CHÍ MINH', 'Số: …/…', 'Nơi nhận:', 'Viện kiểm sát nhân dân tối cao (để báo cáo)']) {
      expect([element, text.includes(element)]).toEqual([element, true]);
    }
    expect(text).toMatch(/TP\. Hồ Chí Minh, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
    expect(text).toContain('Viện kiểm sát nhân dân Thành phố Hồ Chí Minh đề nghị Cơ quan trung ương, Văn phòng Tổng Chưởng lý Singapore');
    expect(text).not.toContain("People's Procuracy");
    expect(text).not.toContain("Attorney-General's Chambers");
    const fontRows = fonts.trim().split('\n').slice(2);
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) expect(row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/); // emb sub uni
  });

  it('renders a letter once for repeated reads of the same content, and again once the request changed', async () => {
    // The renders the pool runs (the letters the renderer did not have already).
    const renders = jest.spyOn(t.app.get(RenderPool), 'render');
    try {
      const first = await letter('vnProsecutor', 'en');
      const second = await letter('vnProsecutor', 'en');
      expect(sha256(second.body as Buffer)).toBe(sha256(first.body as Buffer));
      expect(renders).toHaveBeenCalledTimes(1);
      const read = await t.http.get(`/api/v1/requests/${requestId}`).set('authorization', as.vnProsecutor);
      const edited = await t.http
        .patch(`/api/v1/requests/${requestId}`)
        .set('authorization', as.vnProsecutor)
        .set('if-match', `"${read.body.version}"`)
        .send({ measures: [...read.body.measures, 'Provide the e-mail addresses linked to the account'] });
      expect(edited.status).toBe(200);
      const after = await letter('vnProsecutor', 'en');
      expect(renders).toHaveBeenCalledTimes(2);
      expect(pdfTools(after.body as Buffer).text).toContain('Provide the e-mail addresses linked to the account');
    } finally {
      renders.mockRestore();
    }
  });

  it('answers 400 for a language it does not render, 404 to whom may not see the request', async () => {
    expectProblem(await t.http.get(`/api/v1/requests/${requestId}/letter?lang=fr`).set('authorization', as.vnProsecutor), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http.get(`/api/v1/requests/${requestId}/letter`).set('authorization', as.sgOfficer), 404, 'NOT_FOUND');
    expectProblem(await t.http.get(`/api/v1/requests/${requestId}/letter`).set('authorization', as.admin), 404, 'NOT_FOUND');
    expectProblem(await t.http.get(`/api/v1/requests/not-a-uuid/letter`).set('authorization', as.vnProsecutor), 404, 'NOT_FOUND');
  });

  it('freezes the letter at send in the requested country’s language: its SHA-256 in the send event, the same bytes ever after, for both sides', async () => {
    await act(t, as.vnProsecutor, requestId, { action: 'submit' });
    await act(t, as.vnOfficer, requestId, { action: 'send' });
    const events = await t.http.get(`/api/v1/requests/${requestId}/events`).set('authorization', as.sgOfficer);
    const send = events.body.items.find((e: { action?: string }) => e.action === 'send');
    expect(send.input.letter).toMatchObject({ language: 'en', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const abroad = await letter('sgOfficer', 'en');
    expect(abroad.status).toBe(200);
    expect(abroad.headers['x-letter-frozen']).toBe('true');
    expect(sha256(abroad.body as Buffer)).toBe(send.input.letter.sha256);
    expect(abroad.headers['x-content-sha256']).toBe(send.input.letter.sha256);
    const { text } = pdfTools(abroad.body as Buffer);
    expect(text).toContain(LETTER_LABELS.en.title);
    // numbered from the HCMC procuracy's register at send; its English names; its place
    const [{ number, year }] = await t.sql<{ number: number; year: number }>(`SELECT number, year FROM letter_numbers WHERE request_id = $1`, [requestId]);
    expect(text).toContain(`No. ${number}/VKSHCM-HTQT`);
    expect(text).toContain(`Ho Chi Minh City, `);
    expect(text).toContain("The People's Procuracy of Ho Chi Minh City presents its compliments to the Attorney-General's Chambers, Central Authority");
    expect(year).toBe(new Date(t.clock.now()).getUTCFullYear());
    const [{ officer }] = await t.sql<{ officer: string }>(`SELECT display_name AS officer FROM users WHERE email = 'officer@vn.example'`);
    expect(text).toContain(officer); // the contact point: the VN officer who sent it
    screenshots(abroad.body as Buffer, 'letter-en');
    screenshots((await letter('sgOfficer', 'vi')).body as Buffer, 'letter-vi');

    // Later, after the clock moves and the drafter's name changes, the same bytes.
    t.clock.advance(3 * 24 * 3600 * 1000);
    await t.sql(`UPDATE users SET display_name = 'Renamed Prosecutor' WHERE email = 'prosecutor@vn.example'`);
    const later = await letter('vnProsecutor', 'en');
    expect(sha256(later.body as Buffer)).toBe(send.input.letter.sha256);
    const [{ bytes }] = await t.sql<{ bytes: number }>(`SELECT size_bytes AS bytes FROM request_letters WHERE request_id = $1`, [requestId]);
    expect(bytes).toBe((later.body as Buffer).length);
    await expect(t.sql(`UPDATE request_letters SET sha256 = repeat('0', 64) WHERE request_id = $1`, [requestId])).rejects.toThrow(/append-only/);

    // The other language is rendered on demand, not frozen.
    const vi = await letter('sgOfficer', 'vi');
    expect(vi.headers['x-letter-frozen']).toBe('false');
    expect(pdfTools(vi.body as Buffer).text).toContain(`Số: ${String(number).padStart(2, '0')}/VKSHCM-HTQT`);


    const verify = await t.http.get(`/api/v1/requests/${requestId}/events/verify`).set('authorization', as.vnProsecutor);
    expect(verify.body).toMatchObject({ valid: true });
  });

  it('writes the English letter of an English request in English only: no character outside Latin-1 but the people’s names', async () => {
    const content = {
      title: 'Subscriber of the account used in an online fraud',
      facts: 'Victims transferred money after messages from the account.',
      measures: ['Produce the subscriber information of account X'],
    };
    const english = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA'), { ...content, language: 'en' }));
    const res = await t.http.get(`/api/v1/requests/${english.id}/letter`).query({ lang: 'en' }).set('authorization', as.vnProsecutor).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    const { text } = pdfTools(res.body as Buffer);
    expect(text).toContain("People's Procuracy of Ho Chi Minh City");
    expect(text).toContain("Supreme People's Procuracy of Viet Nam");
    const people = await t.sql<{ name: string }>(`SELECT display_name AS name FROM users WHERE email = 'prosecutor@vn.example'`);
    let rest = text;
    for (const name of people.map((p) => p.name)) rest = rest.split(name).join(' ');
    // Latin-1, the typographic quotes and dashes, the ellipsis of a draft's number
    const foreign = [...rest].filter((c) => c.codePointAt(0)! > 0xff && !'‘’“”–—…'.includes(c));
    expect(foreign).toEqual([]);
  });

  it('records every read of a confidential request’s letter in its access log', async () => {
    const log = await t.http.get(`/api/v1/requests/${requestId}/access-log`).set('authorization', as.sgSupervisor);
    expect(log.status).toBe(200);
    expect(log.body.items.some((e: { what: string }) => e.what === 'letter')).toBe(true);
  });
});
