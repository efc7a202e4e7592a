import fc from 'fast-check';
import { DateTime } from 'luxon';
import { loadWorkingCalendars } from '@mla/countries';
import { addBusinessDays, isBusinessDay, type WorkingCalendar } from './business-days';

const calendars = loadWorkingCalendars('config/working-calendars.yaml');
const PLACES = [
  { country: 'VN', timezone: 'Asia/Ho_Chi_Minh', calendar: calendars.get('VN') as WorkingCalendar },
  { country: 'SG', timezone: 'Asia/Singapore', calendar: calendars.get('SG') as WorkingCalendar },
];

/** Start instants around the years the shipped calendars cover. */
const start = fc.date({ min: new Date('2025-11-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true });
const days = fc.integer({ min: 1, max: 30 });
const place = fc.constantFrom(...PLACES);

describe('business days with the shipped working calendars (property)', () => {
  it('no deadline ever ends on a listed non-working day, nor on a weekend day that is not a make-up day', () => {
    fc.assert(
      fc.property(start, days, place, (s, n, p) => {
        const due = DateTime.fromJSDate(addBusinessDays(s, n, p, p.calendar), { zone: p.timezone });
        const date = due.toISODate() as string;
        expect([due.hour, due.minute, due.second, due.millisecond]).toEqual([23, 59, 59, 999]);
        expect(p.calendar.nonWorkingDays.includes(date)).toBe(false);
        if (due.weekday >= 6) expect([date, p.calendar.makeUpWorkingDays.includes(date)]).toEqual([date, true]);
      }),
      { numRuns: 2000 },
    );
  });

  it('exactly n business days of the calendar lie after the start day up to the due day', () => {
    fc.assert(
      fc.property(start, days, place, (s, n, p) => {
        const due = DateTime.fromJSDate(addBusinessDays(s, n, p, p.calendar), { zone: p.timezone }).startOf('day');
        let count = 0;
        for (let d = DateTime.fromJSDate(s, { zone: p.timezone }).startOf('day').plus({ days: 1 }); d <= due; d = d.plus({ days: 1 })) {
          if (isBusinessDay(d.toISODate() as string, p.country, p.calendar)) count++;
        }
        expect(count).toBe(n);
        expect(isBusinessDay(due.toISODate() as string, p.country, p.calendar)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('every listed make-up day is a business day, every listed non-working day is not', () => {
    for (const p of PLACES) {
      for (const d of p.calendar.nonWorkingDays) expect([p.country, d, isBusinessDay(d, p.country, p.calendar)]).toEqual([p.country, d, false]);
      for (const d of p.calendar.makeUpWorkingDays) expect([p.country, d, isBusinessDay(d, p.country, p.calendar)]).toEqual([p.country, d, true]);
    }
  });

  it('stays fast with a calendar: 200 000 due dates in a few seconds (a calendar costs two set look-ups a day)', () => {
    const vn = PLACES[0];
    const t0 = Date.now();
    let last = 0;
    for (let i = 0; i < 200_000; i++) last = addBusinessDays(new Date(Date.UTC(2026, 0, 1) + (i % 700) * 86_400_000), 1 + (i % 20), vn, vn.calendar).getTime();
    expect(last).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
