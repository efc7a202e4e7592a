import { describe, expect, it } from 'vitest';
import { checkRows, dayNumber, daysText, parseDays, rowOfField, sentIndices, toBody, type DayRow } from './calendar-days';

const row = (days: string, source = 'Decision 123/QĐ-TTg, https://example.gov/123', name = ''): DayRow => ({ days, name, source });
const none: DayRow[] = [];

describe('the calendar editor’s days', () => {
  it('reads one date or a range with any of the usual separators', () => {
    expect(parseDays(' 2027-02-08 ')).toEqual({ from: '2027-02-08', to: '2027-02-08' });
    for (const sep of [' – ', '..', ' - ', ' to ', ' đến ', '—']) expect(parseDays(`2027-02-08${sep}2027-02-12`)).toEqual({ from: '2027-02-08', to: '2027-02-12' });
    expect(parseDays('8/2/2027')).toBeNull();
    expect(parseDays('2027-02-08 2027-02-09')).toBeNull();
  });

  it('knows real dates only', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2027-02-29')).toBeUndefined();
    expect(dayNumber('2028-02-29')).toBeDefined();
    expect(dayNumber('2027-13-01')).toBeUndefined();
  });

  it('shows a one-day entry as its date and a range with a dash, and reads back what it shows', () => {
    expect(daysText({ from: '2027-01-01', to: '2027-01-01' })).toBe('2027-01-01');
    expect(parseDays(daysText({ from: '2027-02-05', to: '2027-02-11' }))).toEqual({ from: '2027-02-05', to: '2027-02-11' });
  });

  it('accepts a valid year', () => {
    // 2027-02-06 is a Saturday, 2027-02-20 a Saturday
    expect(checkRows(2027, { nonWorkingDays: [row('2027-02-08 – 2027-02-12', undefined, 'Tết'), row('2027-09-02')], makeUpWorkingDays: [row('2027-02-20')] })).toEqual([]);
  });

  it('names each problem on its row and field, as the API would', () => {
    const problems = checkRows(2027, {
      nonWorkingDays: [row('2027-02-30'), row('2026-12-31'), row('2027-03-05 – 2027-03-01'), row('2027-01-01 – 2027-02-15'), row('soon'), row('2027-05-01', 'x'), row('2027-05-01')],
      makeUpWorkingDays: [row('2027-02-08'), row('2027-05-01')],
    });
    expect(problems.map((p) => [p.list, p.index, p.field, p.key])).toEqual([
      ['nonWorkingDays', 0, 'days', 'notADate'],
      ['nonWorkingDays', 1, 'days', 'notInYear'],
      ['nonWorkingDays', 2, 'days', 'rangeBackwards'],
      ['nonWorkingDays', 3, 'days', 'rangeTooLong'],
      ['nonWorkingDays', 4, 'days', 'daysFormat'],
      ['nonWorkingDays', 5, 'source', 'sourceShort'],
      ['nonWorkingDays', 6, 'days', 'listedTwice'],
      ['makeUpWorkingDays', 0, 'days', 'weekday'],
      ['makeUpWorkingDays', 1, 'days', 'listedTwice'],
    ]);
    expect(problems[3]?.values).toEqual({ count: 46, max: 31 });
    expect(problems[6]?.values).toEqual({ date: '2027-05-01', row: 6 });
  });

  it('ignores a wholly empty row, and maps the API’s indices back past it', () => {
    const rows = [row('', '', ''), row('2027-09-02'), row('', '', ''), row('2027-09-03')];
    expect(checkRows(2027, { nonWorkingDays: rows, makeUpWorkingDays: none })).toEqual([]);
    expect(toBody({ nonWorkingDays: rows, makeUpWorkingDays: none }).nonWorkingDays).toHaveLength(2);
    expect(sentIndices(rows)).toEqual([1, 3]);
  });

  it('sends a day as date, a range as from and to, the name only when given', () => {
    expect(toBody({ nonWorkingDays: [row('2027-09-02 .. 2027-09-03', ' Source of it ', ' National Day ')], makeUpWorkingDays: [row('2027-02-20', 'Source of it')] })).toEqual({
      nonWorkingDays: [{ from: '2027-09-02', to: '2027-09-03', name: 'National Day', source: 'Source of it' }],
      makeUpWorkingDays: [{ date: '2027-02-20', source: 'Source of it' }],
    });
  });

  it('reads which row and field an API problem names', () => {
    expect(rowOfField('nonWorkingDays[2].source')).toEqual({ list: 'nonWorkingDays', index: 2, field: 'source' });
    expect(rowOfField('makeUpWorkingDays[0]')).toEqual({ list: 'makeUpWorkingDays', index: 0, field: 'days' });
    expect(rowOfField('nonWorkingDays[1].to')).toEqual({ list: 'nonWorkingDays', index: 1, field: 'days' });
    expect(rowOfField('nonWorkingDays[1].name')).toEqual({ list: 'nonWorkingDays', index: 1, field: 'name' });
    expect(rowOfField('body')).toBeNull();
  });
});
