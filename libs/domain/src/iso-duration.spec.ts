import { addIsoDuration, isoDurationNominalMs, isPositiveIsoDuration, parseIsoDuration } from './iso-duration';

describe('ISO 8601 durations', () => {
  it.each(['PT8H', 'P20D', 'PT30S', 'PT5S', 'P1W', 'P1Y2M', 'P1DT12H', 'PT1.5H', 'PT0.5S', 'PT96H'])('accepts %s', (iso) => {
    expect(isPositiveIsoDuration(iso)).toBe(true);
  });

  it.each(['P-1D', '-P1D', 'P0D', 'PT0S', 'P', 'PT', 'p1d', 'P1.5D', 'P1,5D', '20D', 'P1DT', 'PT0.0001S', ''])('rejects %j', (iso) => {
    expect(isPositiveIsoDuration(iso)).toBe(false);
  });

  it('rejects what is not a string', () => {
    expect(isPositiveIsoDuration(5)).toBe(false);
    expect(isPositiveIsoDuration({ days: 1 })).toBe(false);
  });

  it('splits calendar units from clock time', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, clockMs: 5 * 3_600_000 + 6 * 60_000 + 7500 });
  });

  it('gives a nominal length for comparisons and "before" reminders', () => {
    expect(isoDurationNominalMs('PT24H')).toBe(86_400_000);
    expect(isoDurationNominalMs('P1D')).toBe(86_400_000);
    expect(isoDurationNominalMs('P2M')).toBe(isoDurationNominalMs('P60D'));
  });

  it('throws on a bad duration or an unknown zone', () => {
    expect(() => addIsoDuration(new Date(), 'P-1D', 'UTC')).toThrow(RangeError);
    expect(() => addIsoDuration(new Date(), 'P1D', 'Mars/Olympus')).toThrow(/time zone/);
  });

  describe('across the spring DST change in Europe/Berlin (2026-03-29 02:00 -> 03:00)', () => {
    const start = new Date('2026-03-28T09:00:00.000Z'); // Saturday 10:00 CET (+01:00)
    it('P1D keeps the wall-clock time: Sunday 10:00 CEST, 23 h later', () => {
      expect(addIsoDuration(start, 'P1D', 'Europe/Berlin').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    });
    it('PT24H is exactly 24 h on the clock: Sunday 11:00 CEST', () => {
      expect(addIsoDuration(start, 'PT24H', 'Europe/Berlin').toISOString()).toBe('2026-03-29T09:00:00.000Z');
    });
    it('P1DT1H adds the calendar day first, then the clock hour', () => {
      expect(addIsoDuration(start, 'P1DT1H', 'Europe/Berlin').toISOString()).toBe('2026-03-29T09:00:00.000Z');
    });
  });

  describe('across the autumn DST change in America/New_York (2026-11-01 02:00 -> 01:00)', () => {
    const start = new Date('2026-10-31T16:00:00.000Z'); // Saturday 12:00 EDT (-04:00)
    it('P1D keeps 12:00 local: Sunday 12:00 EST, 25 h later', () => {
      expect(addIsoDuration(start, 'P1D', 'America/New_York').toISOString()).toBe('2026-11-01T17:00:00.000Z');
    });
    it('PT24H is exactly 24 h on the clock: Sunday 11:00 EST', () => {
      expect(addIsoDuration(start, 'PT24H', 'America/New_York').toISOString()).toBe('2026-11-01T16:00:00.000Z');
    });
  });

  it('EXECUTION P20D from a send time keeps the local time across a DST change (Berlin, 2026-10-25)', () => {
    // Sent Tuesday 2026-10-20 09:00 CEST (+02:00); due Monday 2026-11-09 09:00 CET (+01:00).
    expect(addIsoDuration(new Date('2026-10-20T07:00:00.000Z'), 'P20D', 'Europe/Berlin').toISOString()).toBe('2026-11-09T08:00:00.000Z');
  });

  it('EXECUTION P20D from a send time in Singapore (no DST)', () => {
    // Sent Monday 2026-11-02 09:30 SGT; due Sunday 2026-11-22 09:30 SGT: calendar days, holidays do not matter.
    expect(addIsoDuration(new Date('2026-11-02T01:30:00.000Z'), 'P20D', 'Asia/Singapore').toISOString()).toBe('2026-11-22T01:30:00.000Z');
  });

  it('a month from 31 January ends on the last day of February', () => {
    expect(addIsoDuration(new Date('2027-01-31T03:00:00.000Z'), 'P1M', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2027-02-28T03:00:00.000Z');
  });

  it('seconds count on the clock (a demo policy of seconds)', () => {
    expect(addIsoDuration(new Date('2026-01-01T00:00:00.000Z'), 'PT5S', 'Asia/Singapore').toISOString()).toBe('2026-01-01T00:00:05.000Z');
  });
});
