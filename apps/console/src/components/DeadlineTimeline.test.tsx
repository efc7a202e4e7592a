import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderIn } from '@/test/render';
import type { Deadline } from '@/lib/api/client';
import { DeadlineTimeline } from './DeadlineTimeline';

const now = new Date('2026-12-01T03:00:00Z');
const deadlines: Deadline[] = [
  { id: 'a', kind: 'ACKNOWLEDGEMENT', party: 'REQUESTED', status: 'MET', startAt: '2026-11-20T00:00:00Z', dueAt: '2026-11-25T15:59:59.999Z', metAt: '2026-11-21T02:00:00Z', escalationLevel: 0 },
  {
    id: 'e',
    kind: 'EXECUTION',
    party: 'REQUESTED',
    status: 'OVERDUE',
    startAt: '2026-11-20T00:00:00Z',
    dueAt: '2026-11-30T03:00:00Z',
    escalationLevel: 2,
    reportedDelay: { reason: 'Provider slow', expectedBy: '2026-12-20', reportedAt: '2026-11-29T00:00:00Z' },
  },
  { id: 'i', kind: 'INFO_RESPONSE', party: 'REQUESTING', status: 'PENDING', startAt: '2026-11-30T00:00:00Z', dueAt: '2026-12-03T05:00:00Z', escalationLevel: 0 },
];
// The browser may name the viewer's zone by its old link: the same zone, named once.
const zones = { requesting: 'Asia/Ho_Chi_Minh', requested: 'Asia/Singapore', viewer: 'Asia/Saigon' };

describe('DeadlineTimeline', () => {
  it('lists the deadlines by due time, each in the viewer’s zone and the ball holder’s zone', async () => {
    await renderIn(<DeadlineTimeline deadlines={deadlines} zones={zones} now={now} />);
    const list = screen.getByRole('list', { name: 'Deadlines' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['Acknowledgement', 'Execution', 'Information response']);
    const info = screen.getByRole('listitem', { name: 'Information response' });
    expect(info).toHaveTextContent('Due: 3 Dec 2026, 12:00 GMT+7 (your time, Ho Chi Minh (GMT+7))');
    // The viewer's zone is the requesting side's: said once.
    expect(info).not.toHaveTextContent('For the Requesting side');
    expect(info).not.toHaveTextContent('Saigon');
    expect(info).toHaveTextContent('Time left: 2 days 2 hours');
    const execution = screen.getByRole('listitem', { name: 'Execution' });
    expect(execution).toHaveTextContent('For the Requested side (Singapore (GMT+8)): 30 Nov 2026, 11:00 GMT+8');
  });

  it('shows overdue time, the escalation level and the reported delay beside EXECUTION', async () => {
    await renderIn(<DeadlineTimeline deadlines={deadlines} zones={zones} now={now} />);
    const execution = screen.getByRole('listitem', { name: 'Execution' });
    expect(within(execution).getByText('Overdue by 1 day')).toBeInTheDocument();
    expect(within(execution).getByText('Level 2')).toBeInTheDocument();
    expect(execution).toHaveTextContent('Reported delay: the requested side now expects to answer by 20 Dec 2026 (Provider slow)');
    expect(screen.getByRole('listitem', { name: 'Acknowledgement' })).toHaveTextContent('Met at 21 Nov 2026, 09:00 GMT+7');
  });

  it('speaks Vietnamese', async () => {
    await renderIn(<DeadlineTimeline deadlines={deadlines} zones={zones} now={now} />, 'vi');
    const execution = screen.getByRole('listitem', { name: 'Thực hiện' });
    expect(within(execution).getByText('Quá hạn')).toBeInTheDocument();
    expect(within(execution).getByText('Cấp 2')).toBeInTheDocument();
    expect(within(execution).getByText(/^Quá hạn 1 ngày/)).toBeInTheDocument();
  });
});
