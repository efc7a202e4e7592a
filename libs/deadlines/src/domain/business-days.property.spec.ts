import fc from 'fast-check';
import { DateTime } from 'luxon';
import { layerCalendars, loadWorkingCalendars, parseCalendarYear } from '@mla/countries';
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

  it('no deadline ever ends on a non-working day of a year an admin set over the file, nor before its count of days', () => {
    const dayOf2027 = fc.integer({ min: 0, max: 364 }).map((n) => DateTime.fromISO('2027-01-01', { zone: 'utc' }).plus({ days: n }));
    const schedule = fc.uniqueArray(dayOf2027, { maxLength: 40, selector: (d) => d.toISODate() }).map((ds) => ({
      nonWorkingDays: ds.filter((d) => d.weekday < 6).map((d) => ({ date: d.toISODate() as string, source: 'an announcement (test)' })),
      makeUpWorkingDays: ds.filter((d) => d.weekday >= 6).map((d) => ({ date: d.toISODate() as string, source: 'an announcement (test)' })),
    }));
    fc.assert(
      fc.property(schedule, fc.date({ min: new Date('2026-12-01T00:00:00Z'), max: new Date('2027-12-15T00:00:00Z'), noInvalidDate: true }), days, (body, s, n) => {
        const set = parseCalendarYear(2027, body);
        if (!set.ok) throw new Error(JSON.stringify(set.issues));
        const vn = { country: 'VN', timezone: 'Asia/Ho_Chi_Minh' };
        const calendar = layerCalendars(calendars, [{ country: 'VN', year: set.year }]).get('VN') as WorkingCalendar;
        const due = DateTime.fromJSDate(addBusinessDays(s, n, vn, calendar), { zone: vn.timezone });
        const date = due.toISODate() as string;
        expect(calendar.nonWorkingDays.includes(date)).toBe(false);
        expect(body.nonWorkingDays.some((d) => d.date === date)).toBe(false);
        if (due.weekday >= 6) expect(body.makeUpWorkingDays.some((d) => d.date === date)).toBe(true);
        let count = 0;
        for (let d = DateTime.fromJSDate(s, { zone: vn.timezone }).startOf('day').plus({ days: 1 }); d <= due.startOf('day'); d = d.plus({ days: 1 })) {
          if (isBusinessDay(d.toISODate() as string, 'VN', calendar)) count++;
        }
        expect(count).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
