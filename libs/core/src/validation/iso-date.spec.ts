import fc from 'fast-check';
import { isCanonicalInstant, isoDateFormOf } from './iso-date';

describe('the shared date validator (issue 10)', () => {
  const all = ['date', 'zoned', 'local'] as const;

  it('accepts the calendar date, the zoned and (where allowed) the local date-time, in the extended format', () => {
    expect(isoDateFormOf('2026-03-01', all)).toBe('date');
    expect(isoDateFormOf('2024-02-29', all)).toBe('date');
    expect(isoDateFormOf('2026-11-01T10:00:00+07:00', all)).toBe('zoned');
    expect(isoDateFormOf('2026-11-01T10:00Z', all)).toBe('zoned');
    expect(isoDateFormOf('2026-11-01T10:00:00.123456-12:00', all)).toBe('zoned');
    expect(isoDateFormOf('2026-11-01T10:00:00', all)).toBe('local');
    expect(isoDateFormOf('2026-11-01T10:00:00', ['date', 'zoned'])).toBeNull();
    expect(isoDateFormOf('2026-11-01T10:00:00Z', ['date'])).toBeNull();
    expect(isoDateFormOf('1900-01-01', all)).toBe('date');
    expect(isoDateFormOf('9999-12-30T23:59:59.999+14:00', all)).toBe('zoned');
  });

  it.each([
    ['a week date', '2026-W05-3'],
    ['a week', '2026-W05'],
    ['an ordinal date', '2026-032'],
    ['a year', '2026'],
    ['a month', '2026-03'],
    ['the basic format', '20260301'],
    ['a basic date-time', '20260301T100000Z'],
    ['an expanded year', '+012026-03-01'],
    ['a negative year', '-0001-03-01'],
    ['year 0', '0000-01-01'],
    ['before 1900', '1899-12-31'],
    ['year 9999 end', '9999-12-31'],
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2026-02-29'],
    ['month 13', '2026-13-01'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['a decimal comma', '2026-03-01T10:00:00,5Z'],
    ['a space separator', '2026-03-01 10:00:00Z'],
    ['a lower-case t', '2026-03-01t10:00:00Z'],
    ['hours only', '2026-03-01T10Z'],
    ['offset +15:00', '2026-03-01T10:00:00+15:00'],
    ['offset -13:00', '2026-03-01T10:00:00-13:00'],
    ['offset without colon', '2026-03-01T10:00:00+0700'],
    ['seven fraction digits', '2026-03-01T10:00:00.1234567Z'],
    ['a duration', 'P1D'],
    ['an interval', '2026-03-01/2026-03-02'],
    ['words', 'tomorrow'],
  ])('refuses %s (%s)', (_name, text) => {
    expect(isoDateFormOf(text, all)).toBeNull();
  });

  it('accepts only what Date, and PostgreSQL through the ISO string, can hold (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.date({ min: new Date('1850-01-01'), max: new Date('+010100-01-01'), noInvalidDate: true }), (s, d) => {
        for (const text of [s, d.toISOString(), d.toISOString().slice(0, 10), d.toISOString().slice(0, 19)]) {
          const form = isoDateFormOf(text, all);
          if (form === null) continue;
          const at = new Date(form === 'date' ? `${text}T00:00:00Z` : form === 'local' ? `${text}Z` : text);
          expect(Number.isNaN(at.getTime())).toBe(false);
          expect(at.getUTCFullYear()).toBeGreaterThanOrEqual(1899);
          expect(at.getUTCFullYear()).toBeLessThanOrEqual(9999);
        }
      }),
      { seed: 10, numRuns: 2000 },
    );
  });

  it('knows the canonical instants our cursors carry, and nothing else', () => {
    expect(isCanonicalInstant('2026-03-01T10:00:00.000Z')).toBe(true);
    for (const text of ['2026', '2026-03-01', '2026-03-01T10:00:00Z', '2026-02-30T10:00:00.000Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00.000Z']) {
      expect(isCanonicalInstant(text)).toBe(false);
    }
  });
});
