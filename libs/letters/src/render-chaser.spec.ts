import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaserInput } from './chaser-input';
import { renderChaser } from './render-chaser';

/** The chaser read back with pdftotext, as its reader would. */
const dir = mkdtempSync(join(tmpdir(), 'mla-chaser-'));
const linesOf = (pdf: Buffer, name: string, layout = false): string[] => {
  // layout: the page's lines as they are set (columns side by side)
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), path, '-'], { encoding: 'utf8' }).split('\n');
};
const textOf = (pdf: Buffer, name: string): string => linesOf(pdf, name).join(' ').replace(/\s+/g, ' ');

const input: ChaserInput = {
  reference: 'VN-2026-000114',
  date: '2026-12-03',
  title: 'Subscriber data of the accounts used in a phishing campaign',
  from: { code: 'VN-SPP', name: 'Viện kiểm sát nhân dân tối cao', country: 'VN' },
  to: { code: 'US-OIA', name: 'Office of International Affairs, Criminal Division, U.S. Department of Justice', country: 'US' },
  direction: 'OUTGOING',
  sent: { dispatchedAt: '2026-09-01', channel: 'DIPLOMATIC', reference: 'NV-2026-0831' },
  outstanding: [
    { kind: 'ACKNOWLEDGEMENT', since: '2026-09-01', dueBy: '2026-09-08', overdue: true },
    { kind: 'EXECUTION', since: '2026-09-01', dueBy: '2026-09-21', overdue: true },
  ],
  earlier: [{ dispatchedAt: '2026-10-01', channel: 'EMAIL', reference: 'VKSTC-CH-01' }],
  contact: { authority: 'Viện kiểm sát nhân dân tối cao', officer: 'Trần Thị B', email: 'tttp@vksndtc.gov.vn' },
};

describe('renderChaser', () => {
  it('writes the follow-up note in English: the reference, how it was sent, what is outstanding since when, the earlier chasers, the contact', async () => {
    const text = textOf(await renderChaser(input, 'en'), 'en');
    expect(text).toContain('Follow-up note');
    expect(text).toContain('Our reference: VN-2026-000114');
    expect(text).toContain('Sent on 1 September 2026 by diplomatic channel, under reference NV-2026-0831.');
    expect(text).toContain('Acknowledgement of receipt of the request: awaited since 1 September 2026; expected by 8 September 2026 (overdue)');
    expect(text).toContain('Execution of the request and the evidence obtained');
    expect(text).toMatch(/1 1 October 2026 e-mail VKSTC-CH-01/);
    expect(text).toContain('Trần Thị B');
    expect(text).toContain('Page 1 of 1');
  });

  it('writes it in Vietnamese, under the national title and motto, every diacritic intact', async () => {
    const text = textOf(await renderChaser(input, 'vi'), 'vi');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Công văn đôn đốc');
    expect(text).toContain('Đã gửi ngày 01 tháng 9 năm 2026 qua đường ngoại giao, số tham chiếu NV-2026-0831.');
    expect(text).toContain('Xác nhận đã nhận yêu cầu: chờ từ ngày 01 tháng 9 năm 2026; hạn dự kiến ngày 08 tháng 9 năm 2026 (quá hạn)');
    expect(text).toContain('Các lần đôn đốc trước');
    expect(text).toContain('Viện kiểm sát nhân dân tối cao');
  });

  it('heads the Vietnamese note as Decree 30 heads an official document: the issuing authority at the left of the national title; a date of the table on one line', async () => {
    const lines = linesOf(await renderChaser(input, 'vi'), 'vi-layout', true);
    const head = lines.find((l) => l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')) ?? '';
    expect(head).toMatch(/VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    expect(lines.find((l) => l.includes('VKSTC-CH-01'))).toContain('ngày 01 tháng 10 năm 2026');
  });

  it('says when it is the first follow-up, and when the dispatch is not recorded', async () => {
    const text = textOf(await renderChaser({ ...input, earlier: [], sent: null }, 'en'), 'first');
    expect(text).toContain('This is our first follow-up.');
    expect(text).toContain('The dispatch of the request is not recorded.');
  });

  it('refuses a language it has no words for', async () => {
    await expect(renderChaser(input, 'fr' as never)).rejects.toThrow(/en or vi/);
  });
});
