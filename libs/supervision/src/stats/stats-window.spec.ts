import { AppException } from '@mla/core';
import { parseStatsWindow } from './stats-window';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    return ((error as AppException).errors ?? []).map((e) => e.field);
  }
  throw new Error('expected a validation error');
};

describe('parseStatsWindow', () => {
  it('reads a date as the start of that day in the time zone, a date-time with an offset as given', () => {
    expect(parseStatsWindow('2026-01-01', '2026-02-01', 'Asia/Ho_Chi_Minh')).toEqual({
      from: new Date('2025-12-31T17:00:00.000Z'),
      to: new Date('2026-01-31T17:00:00.000Z'),
    });
    expect(parseStatsWindow('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.001+00:00', 'Asia/Singapore')).toEqual({
      from: new Date('2026-01-01T00:00:00.000Z'),
      to: new Date('2026-01-01T00:00:00.001Z'),
    });
    expect(parseStatsWindow('2026-01-01T08:00', '2026-01-02T08:00', 'Asia/Singapore').from).toEqual(new Date('2026-01-01T00:00:00.000Z'));
  });

  it('accepts five years exactly, not a millisecond more', () => {
    expect(parseStatsWindow('2021-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'UTC').to).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(fieldsOf(() => parseStatsWindow('2021-01-01T00:00:00Z', '2026-01-01T00:00:00.001Z', 'UTC'))).toEqual(['to']);
  });

  it('lists every problem', () => {
    expect(fieldsOf(() => parseStatsWindow(undefined, '', 'UTC'))).toEqual(['from', 'to']);
    expect(fieldsOf(() => parseStatsWindow('2026-13-01', 'soon', 'UTC'))).toEqual(['from', 'to']);
    expect(fieldsOf(() => parseStatsWindow('2026-02-01', '2026-02-01', 'UTC'))).toEqual(['to']);
    expect(fieldsOf(() => parseStatsWindow('2026-02-02', '2026-02-01', 'UTC'))).toEqual(['to']);
    expect(fieldsOf(() => parseStatsWindow('1969-12-31', '1970-01-02', 'UTC'))).toEqual(['from']);
  });
});

describe('the default window', () => {
  it('is the last 12 months in the supervisor’s time zone, today included, when neither from nor to is given', () => {
    const now = new Date('2026-12-01T18:30:00.000Z'); // 2 December, 01:30 in Ho Chi Minh City
    expect(parseStatsWindow(undefined, undefined, 'Asia/Ho_Chi_Minh', now)).toEqual({
      from: new Date('2025-12-02T17:00:00.000Z'),
      to: new Date('2026-12-02T17:00:00.000Z'),
    });
    expect(parseStatsWindow(undefined, undefined, 'UTC', now)).toEqual({ from: new Date('2025-12-02T00:00:00.000Z'), to: new Date('2026-12-02T00:00:00.000Z') });
  });

  it('one of the two alone is still refused', () => {
    expect(fieldsOf(() => parseStatsWindow('2026-01-01', undefined, 'UTC'))).toEqual(['to']);
    expect(fieldsOf(() => parseStatsWindow(undefined, '2026-01-01', 'UTC'))).toEqual(['from']);
  });
});
