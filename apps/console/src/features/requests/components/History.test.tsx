import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderIn } from '@/test/render';
import { RecomputedDeadlines } from './History';

const input = {
  calendarCountry: 'VN',
  deadlines: [{ deadlineId: 'd1', kind: 'EXECUTION', party: 'REQUESTED', businessDays: 10, oldDueAt: '2027-02-10T10:00:00Z', newDueAt: '2027-02-17T10:00:00Z' }],
};

describe('a recompute_deadlines event in the history', () => {
  it('names the calendar and each moved deadline with its count and due times, in English', async () => {
    await renderIn(<RecomputedDeadlines input={input} />, 'en');
    expect(screen.getByText(/working calendar of Vietnam changed/)).toBeTruthy();
    expect(screen.getByText(/^Execution \(10 business days\): 10 Feb 2027, \d\d:00 .+ → 17 Feb 2027/)).toBeTruthy();
  });

  it('and in Vietnamese', async () => {
    await renderIn(<RecomputedDeadlines input={{ ...input, deadlines: [{ ...input.deadlines[0], businessDays: 1 }] }} />, 'vi');
    expect(screen.getByText(/Lịch làm việc của Việt Nam đã thay đổi/)).toBeTruthy();
    expect(screen.getByText(/^Thực hiện \(1 ngày làm việc\): .*2027.* → .*2027/)).toBeTruthy();
  });
});
