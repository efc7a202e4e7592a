import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addMessages } from '@/lib/i18n';
import { crossesNodes, failureKind, messageTypeKey } from '@/lib/federation';
import { renderIn } from '@/test/render';
import { transmissionsMessages } from './i18n';
import { rejectReasonKey } from './transmissions';
import { TransmissionsTable, type Transmission } from './TransmissionsPanel';

addMessages('transmissions', transmissionsMessages);

const base: Transmission = {
  id: '00000000-0000-4000-8000-0000000000a1', direction: 'OUT', peer: 'sg.example', type: 'request.sent', state: 'PENDING', attempts: 0,
  nextAttemptAt: '2027-02-14T03:42:00Z', lastError: null, rejectCode: null, rejectReason: null, rejectDetail: null, createdAt: '2027-02-14T03:40:00Z', deliveredAt: null, receipt: null,
};
const unreachable = 'http://127.0.0.1:4000: no HTTP answer (the connection failed or timed out)';

describe('what the transmissions panel reads of a message', () => {
  it('words the type, the failure and the refusal, and asks only for requests with a PEER side', () => {
    expect(['request.sent', 'request.event', 'request.act', 'request.other'].map(messageTypeKey)).toEqual(['sent', 'event', 'act', 'other']);
    expect(failureKind(unreachable)).toBe('unreachable');
    expect(failureKind('http://x: did not answer within 5000 ms')).toBe('unreachable');
    expect(failureKind('HTTP 500: no receipt expected in this answer')).toBe('badAnswer');
    expect(failureKind('http://10.0.0.1 resolves to 10.0.0.1, a private address')).toBe('refusedAddress');
    expect(failureKind('the attempt failed on this node')).toBe('local');
    expect(failureKind('something new')).toBe('other');
    expect(rejectReasonKey('INVALID_TRANSITION')).toBe('INVALID_TRANSITION');
    expect(rejectReasonKey('OUT_OF_ORDER')).toBe('other');
    const side = (reach: string) => ({ reach });
    expect(crossesNodes({ requestingAuthority: side('LOCAL'), requestedAuthority: side('PEER') })).toBe(true);
    expect(crossesNodes({ requestingAuthority: side('PEER'), requestedAuthority: side('LOCAL') })).toBe(true);
    expect(crossesNodes({ requestingAuthority: side('LOCAL'), requestedAuthority: side('OFFLINE') })).toBe(false);
  });
});

describe('the transmissions table', () => {
  const items: Transmission[] = [
    { ...base, attempts: 2, lastError: unreachable },
    { ...base, id: '00000000-0000-4000-8000-0000000000a2', state: 'DELIVERED', attempts: 3, lastError: unreachable, deliveredAt: '2027-02-14T03:42:00Z', nextAttemptAt: null, receipt: { messageId: 'x', digest: 'd', receivedAt: '2027-02-14T03:42:00Z', status: 'ACCEPTED' } },
    { ...base, id: '00000000-0000-4000-8000-0000000000a3', type: 'request.act', state: 'REJECTED', attempts: 1, rejectCode: 'INVALID_TRANSITION', rejectDetail: 'The request is REFUSED: withdraw is not possible', deliveredAt: '2027-02-14T03:43:00Z', nextAttemptAt: null },
    { ...base, id: '00000000-0000-4000-8000-0000000000a4', state: 'DEAD', attempts: 5, lastError: 'HTTP 502: the answer is not JSON', nextAttemptAt: null },
    { ...base, id: '00000000-0000-4000-8000-0000000000a5', direction: 'IN', type: 'request.event', state: 'RECEIVED', attempts: null, nextAttemptAt: null, deliveredAt: '2027-02-14T04:00:00Z' },
  ];

  it('says in English where each message stands, with its times and reasons', async () => {
    await renderIn(<TransmissionsTable items={items} />, 'en');
    const table = screen.getByRole('table', { name: 'Messages of this request between the two hubs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(5);
    const [pending, delivered, rejected, dead, received] = rows.map((r) => r.textContent ?? '');
    expect(pending).toMatch(/^The request and its documentsWritten on 14 Feb 2027, .+Sent to sg\.exampleWaitingNot delivered yet: attempt 2 failed\. The next attempt is due on 14 Feb 2027, .+\.Why the last attempt failed: The other hub could not be reached/);
    expect(pending).toContain(`Technical detail: ${unreachable}`);
    expect(delivered).toMatch(/DeliveredDelivered to sg\.example on 14 Feb 2027, \d\d:42 .+, receipt verified\.It took 3 attempts\./);
    expect(rejected).toMatch(/^An act of the requesting side.+RefusedRefused by sg\.example on .+; its signed refusal was verified\.Reason: the request’s state on the other hub no longer allows it .+ \(code INVALID_TRANSITION\)/);
    expect(rejected).toContain('In the other hub’s words: The request is REFUSED: withdraw is not possible');
    expect(dead).toMatch(/Not deliveredNot delivered: given up after 5 failed attempts\.Why the last attempt failed: The other hub answered, but not with a valid signed receipt\..+An administrator can send it again from the Peers screen/);
    expect(received).toMatch(/^A step of the request’s shared history.+Received from sg\.exampleReceivedReceived from sg\.example on .+; this hub sent back its signed receipt\./);
    // each time a <time> with its instant: written, then delivered
    expect([...(rows[1] as HTMLElement).querySelectorAll('time')].map((e) => e.getAttribute('datetime'))).toEqual(['2027-02-14T03:40:00Z', '2027-02-14T03:42:00Z']);
  });

  it('and in Vietnamese', async () => {
    await renderIn(<TransmissionsTable items={items} />, 'vi');
    const rows = within(screen.getByRole('table', { name: 'Các thông điệp của yêu cầu này giữa hai hệ thống' })).getAllByRole('row').slice(1).map((r) => r.textContent ?? '');
    expect(rows[0]).toMatch(/Gửi đến sg\.exampleĐang chờChưa chuyển được: lần gửi thứ 2 không thành công\. Lần gửi tiếp theo dự kiến lúc .+2027.+Không kết nối được với hệ thống kia/);
    expect(rows[1]).toMatch(/Đã chuyển đến sg\.example lúc .+2027, biên nhận đã được xác minh\./);
    expect(rows[2]).toMatch(/Bị sg\.example từ chối lúc .+Lý do: trạng thái của yêu cầu tại hệ thống kia .+ \(mã INVALID_TRANSITION\)/);
    expect(rows[3]).toMatch(/Không chuyển được: đã dừng sau 5 lần gửi không thành công\./);
    expect(rows[4]).toMatch(/Nhận từ sg\.example lúc .+; hệ thống này đã gửi lại biên nhận có chữ ký\./);
  });
});
