import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addMessages } from '@/lib/i18n';
import { renderIn } from '@/test/render';
import { transmissionsMessages } from './i18n';
import { PendingActAlert } from './PendingAct';
import { PeerFilesTable, type PeerFile } from './PeerFiles';

addMessages('transmissions', transmissionsMessages);

const REQUEST = '00000000-0000-4000-8000-0000000000b1';
const hash = (c: string) => c.repeat(64);
const base: PeerFile = {
  sha256: hash('a'), direction: 'IN', fileName: 'VN-2027-000001.pdf', mediaType: 'application/pdf', sizeBytes: 2048, state: 'ARRIVING',
  attempts: 0, lastError: null, receivedAt: null, listedAt: '2027-02-14T03:40:00Z', peer: 'vn.example',
};
const files: PeerFile[] = [
  base,
  { ...base, sha256: hash('b'), fileName: 'translation.pdf', attempts: 2, lastError: 'http://127.0.0.1:4000: no HTTP answer (the connection failed or timed out)' },
  { ...base, sha256: hash('c'), fileName: 'annex.docx', state: 'RECEIVED', attempts: 1, receivedAt: '2027-02-14T03:41:00Z' },
  { ...base, sha256: hash('d'), fileName: 'photo.jpg', state: 'FAILED', attempts: 5, lastError: 'the file has another SHA-256 than announced' },
];

describe('the files received from the other hub', () => {
  it('says in English which are arriving, received (to download, named after the file) and not received (why)', async () => {
    await renderIn(<PeerFilesTable requestId={REQUEST} files={files} />, 'en');
    const rows = within(screen.getByRole('table', { name: 'Files received from the requesting country’s hub' })).getAllByRole('row').slice(1);
    const [arriving, retrying, received, failed] = rows.map((r) => r.textContent ?? '');
    expect(arriving).toBe(`VN-2027-000001.pdf${hash('a')}2 kBArrivingBeing fetched from vn.example and checked.`);
    expect(retrying).toContain('Being fetched from vn.example and checked: 2 attempts failed, it is tried again.');
    expect(retrying).toContain('Technical detail: http://127.0.0.1:4000: no HTTP answer');
    expect(received).toMatch(/ReceivedReceived and checked on 14 Feb 2027, \d\d:41 .+\.Download annex\.docx$/);
    expect(failed).toContain('Not receivedCould not be received from vn.example: given up after 5 attempts.');
    expect(failed).toContain('Technical detail: the file has another SHA-256 than announced');
    const link = within(rows[2] as HTMLElement).getByRole('link', { name: 'Download annex.docx' });
    expect(link.getAttribute('href')).toBe(`/api/v1/requests/${REQUEST}/peer-files/${hash('c')}/content`);
    // only a received file is offered to download
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(within(rows[0] as HTMLElement).getByRole('rowheader').textContent).toBe('VN-2027-000001.pdf');
  });

  it('and in Vietnamese', async () => {
    await renderIn(<PeerFilesTable requestId={REQUEST} files={files} />, 'vi');
    const rows = within(screen.getByRole('table', { name: 'Các tệp nhận từ hệ thống của nước yêu cầu' })).getAllByRole('row').slice(1).map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('Đang chuyển đếnĐang được tải về từ vn.example và kiểm tra.');
    expect(rows[2]).toMatch(/Đã nhậnĐã nhận và kiểm tra lúc .+2027.+Tải xuống annex\.docx$/);
    expect(rows[3]).toContain('Không nhận được từ vn.example: đã dừng sau 5 lần tải.');
  });
});

describe('an act waiting for the other hub’s decision', () => {
  const props = { action: 'close', proposedAt: '2027-02-14T03:45:00Z', authority: 'Central Authority of Singapore', country: 'Singapore' };

  it('names the act, whose decision, the hub and when it was asked, and that the actions come back (English)', async () => {
    await renderIn(<PendingActAlert {...props} node="sg.example" />, 'en');
    const notice = screen.getByRole('status');
    expect(notice.textContent).toMatch(/^Waiting for the other country’s decision“Close the request” is waiting for the decision of Central Authority of Singapore on Singapore’s MLA Hub \(sg\.example\)\. Asked on 14 Feb 2027, \d\d:45 .+\.The request does not change here until that hub decides/);
    expect(notice.textContent).toContain('The actions come back once it has decided.');
    expect(notice.querySelector('time')?.getAttribute('datetime')).toBe('2027-02-14T03:45:00Z');
  });

  it('without the hub’s node while its message is not read yet, and in Vietnamese', async () => {
    await renderIn(<PendingActAlert {...props} action="withdraw" country="Xin-ga-po" node={undefined} />, 'vi');
    expect(screen.getByRole('status').textContent).toMatch(/^Đang chờ nước kia quyết định“Rút yêu cầu” đang chờ Central Authority of Singapore quyết định trên hệ thống MLA Hub của Xin-ga-po\. Đề nghị lúc .+2027/);
  });
});
