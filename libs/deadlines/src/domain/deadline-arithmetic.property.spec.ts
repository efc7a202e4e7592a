import Holidays from 'date-holidays';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { ReminderRule } from '../policy/deadline-policy.types';
import { addBusinessDays, isBusinessDay } from './business-days';
import { computeDueAt, pauseRemaining, reminderTimes, resumeDueAt } from './deadline-arithmetic';
import { addIsoDuration } from '@mla/domain';

/** Places with DST at various hours (Santiago changes at midnight), holidays of several kinds. */
const PLACES = [
  { country: 'VN', timezone: 'Asia/Ho_Chi_Minh' },
  { country: 'SG', timezone: 'Asia/Singapore' },
  { country: 'DE', timezone: 'Europe/Berlin' },
  { country: 'GB', timezone: 'Europe/London' },
  { country: 'US', timezone: 'America/New_York' },
  { country: 'CL', timezone: 'America/Santiago' },
  { country: 'AU', timezone: 'Australia/Sydney' },
  { country: 'NZ', timezone: 'Pacific/Auckland' },
  { country: 'BR', timezone: 'America/Sao_Paulo' },
  { country: 'IN', timezone: 'Asia/Kolkata' },
];

const place = fc.constantFrom(...PLACES);
/** Business-day properties stay within a few years: each country-year of holidays costs a computation. */
const nearInstant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
const instant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true });
const calendarUnit = fc.constantFrom('Y', 'M', 'W', 'D');
const clockUnit = fc.constantFrom('H', 'M', 'S');
/** A positive ISO 8601 duration built from random parts (at least one of them positive). */
const isoDuration = fc
  .record({
    y: fc.nat(2), mo: fc.nat(14), w: fc.nat(5), d: fc.nat(120),
    h: fc.nat(200), mi: fc.nat(120), s: fc.nat(120),
  })
  .filter((p) => Object.values(p).some((v) => v > 0))
  .map(({ y, mo, w, d, h, mi, s }) => {
    const date = `${y ? `${y}Y` : ''}${mo ? `${mo}M` : ''}${w ? `${w}W` : ''}${d ? `${d}D` : ''}`;
    const time = `${h ? `${h}H` : ''}${mi ? `${mi}M` : ''}${s ? `${s}S` : ''}`;
    return `P${date}${time ? `T${time}` : ''}`;
  });

const holidayCalendars = new Map<string, Holidays>();
/** An independent check against date-holidays itself: is noon of that local day a public holiday? */
function libraryHoliday(country: string, timezone: string, local: DateTime): boolean {
  let hd = holidayCalendars.get(country);
  if (!hd) holidayCalendars.set(country, (hd = new Holidays(country)));
  const noon = local.set({ hour: 12, minute: 0, second: 0, millisecond: 0 }).setZone(timezone, { keepLocalTime: true });
  const found = hd.isHoliday(noon.toJSDate());
  return Array.isArray(found) && found.some((h) => h.type === 'public');
}

describe('deadline arithmetic properties', () => {
  it('due > start for any positive ISO duration, in any zone', () => {
    fc.assert(
      fc.property(instant, isoDuration, place, (start, iso, p) => {
        expect(addIsoDuration(start, iso, p.timezone).getTime()).toBeGreaterThan(start.getTime());
      }),
    );
  });

  it('due > start for any business-day count', () => {
    fc.assert(
      fc.property(nearInstant, fc.integer({ min: 1, max: 30 }), place, (start, n, p) => {
        expect(computeDueAt(start, { kind: 'businessDays', days: n }, p).getTime()).toBeGreaterThan(start.getTime());
      }),
    );
  });

  it('business days end at 23:59:59.999 local on a weekday that is no public holiday, after exactly N business days', () => {
    fc.assert(
      fc.property(nearInstant, fc.integer({ min: 1, max: 15 }), place, (start, n, p) => {
        const due = DateTime.fromJSDate(addBusinessDays(start, n, p), { zone: p.timezone });
        expect([due.hour, due.minute, due.second, due.millisecond]).toEqual([23, 59, 59, 999]);
        expect(due.weekday).toBeLessThanOrEqual(5);
        expect(libraryHoliday(p.country, p.timezone, due)).toBe(false);
        // Brute force: N business days between the start's local day (excluded) and the due day.
        let count = 0;
        const first = DateTime.fromJSDate(start, { zone: p.timezone }).startOf('day');
        for (let d = first.plus({ days: 1 }); d <= due; d = d.plus({ days: 1 })) if (isBusinessDay(d.toISODate() as string, p.country)) count++;
        expect(count).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('pause then resume keeps the time that was left', () => {
    fc.assert(
      fc.property(instant, instant, instant, (due, pausedAt, resumedAt) => {
        const left = pauseRemaining(due, pausedAt);
        const resumed = resumeDueAt(resumedAt, left);
        expect(resumed.getTime() - resumedAt.getTime()).toBe(due.getTime() - pausedAt.getTime());
      }),
    );
  });

  it('a longer ISO duration never gives an earlier due (same unit)', () => {
    fc.assert(
      fc.property(instant, fc.oneof(calendarUnit, clockUnit.map((u) => `T${u}`)), fc.integer({ min: 1, max: 400 }), fc.nat(400), place, (start, unit, n, k, p) => {
        const iso = (count: number) => (unit.startsWith('T') ? `PT${count}${unit[1]}` : `P${count}${unit}`);
        expect(addIsoDuration(start, iso(n + k), p.timezone).getTime()).toBeGreaterThanOrEqual(addIsoDuration(start, iso(n), p.timezone).getTime());
      }),
    );
  });

  it('more business days never give an earlier due', () => {
    fc.assert(
      fc.property(nearInstant, fc.integer({ min: 1, max: 40 }), fc.nat(20), place, (start, n, k, p) => {
        expect(addBusinessDays(start, n + k, p).getTime()).toBeGreaterThanOrEqual(addBusinessDays(start, n, p).getTime());
      }),
    );
  });

  it('reminder times lie strictly inside (start, due), strictly increasing', () => {
    const rule: fc.Arbitrary<ReminderRule> = fc.oneof(
      fc.double({ min: 0.001, max: 0.999, noNaN: true }).map((atFraction) => ({ atFraction })),
      fc.integer({ min: 1, max: 2000 }).map((h) => ({ before: `PT${h}H` })),
      fc.integer({ min: 1, max: 60 }).map((d) => ({ before: `P${d}D` })),
    );
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 200 * 86_400_000 }), fc.array(rule, { maxLength: 6 }), (start, span, rules) => {
        const due = new Date(start.getTime() + span);
        const times = reminderTimes(start, due, rules).map((d) => d.getTime());
        for (const t of times) {
          expect(t).toBeGreaterThan(start.getTime());
          expect(t).toBeLessThan(due.getTime());
        }
        for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
      }),
    );
  });
});

describe('zoned arithmetic agrees with luxon', () => {
  const zones = fc.constantFrom(...PLACES.map((p) => p.timezone), 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC');
  const fmt = 'yyyy-MM-dd HH:mm:ss.SSS';
  it('calendar durations land on the same local wall-clock time as luxon plus()', () => {
    fc.assert(
      fc.property(instant, fc.nat(2), fc.nat(25), fc.nat(3), fc.nat(400), zones, (start, y, m, w, d, zone) => {
        fc.pre(y + m + w + d > 0);
        const iso = `P${y ? `${y}Y` : ''}${m ? `${m}M` : ''}${w ? `${w}W` : ''}${d ? `${d}D` : ''}`;
        const mine = DateTime.fromJSDate(addIsoDuration(start, iso, zone), { zone }).toFormat(fmt);
        const theirs = DateTime.fromJSDate(start, { zone }).plus({ years: y, months: m, weeks: w, days: d }).toFormat(fmt);
        expect(mine).toBe(theirs);
      }),
      { numRuns: 500 },
    );
  });

  it('the end of a business day is 23:59:59.999 local in zones with odd offsets and DST at midnight', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), zones, (start, n, zone) => {
        const due = DateTime.fromJSDate(addBusinessDays(start, n, { country: 'XX', timezone: zone }), { zone });
        expect(due.toFormat('HH:mm:ss.SSS')).toBe('23:59:59.999');
        expect(due.weekday).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });
});
