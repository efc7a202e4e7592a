import { loadWorkingCalendars } from '@mla/countries';
import { addBusinessDays, hasHolidayCalendar, isBusinessDay, type WorkingCalendar } from './business-days';

const VN = { country: 'VN', timezone: 'Asia/Ho_Chi_Minh' };
const SG = { country: 'SG', timezone: 'Asia/Singapore' };
const DE = { country: 'DE', timezone: 'Europe/Berlin' };
const US = { country: 'US', timezone: 'America/New_York' };

describe('isBusinessDay', () => {
  it('skips weekends', () => {
    expect(isBusinessDay('2026-08-08', 'SG')).toBe(false); // Saturday
    expect(isBusinessDay('2026-08-07', 'SG')).toBe(true); // Friday
  });

  // date-holidays 3.37 lists for VN in 2027 (type public): 2027-01-01; Tết: "Giao thừa Tết
  // Nguyên Đán" from Friday 2027-02-05 through Tuesday 2027-02-09 (one entry of five days)
  // and "Tết Nguyên Đán" Saturday 2027-02-06; 2027-04-16, 2027-04-30, 2027-05-01, 2027-09-02.
  // 2027-02-03 (Party founding day) and 2027-02-10 are observances only: business days.
  it('knows the Tết holidays of Vietnam in 2027 (Fri 5 to Tue 9 February)', () => {
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-09']) expect(isBusinessDay(d, 'VN')).toBe(false);
    for (const d of ['2027-02-03', '2027-02-04', '2027-02-10']) expect(isBusinessDay(d, 'VN')).toBe(true);
  });

  // date-holidays 3.37 lists for SG in 2026: National Day Sunday 2026-08-09 and its substitute
  // Monday 2026-08-10; Deepavali Sunday 2026-11-08 and Monday 2026-11-09 (both public).
  it('knows the Singapore holidays of 2026, substitute days included', () => {
    expect(isBusinessDay('2026-08-10', 'SG')).toBe(false);
    expect(isBusinessDay('2026-11-09', 'SG')).toBe(false);
    expect(isBusinessDay('2026-08-11', 'SG')).toBe(true);
  });

  it('counts only public holidays, not observances or bank holidays', () => {
    expect(isBusinessDay('2026-12-24', 'DE')).toBe(true); // Heiliger Abend: bank, afternoon only
    expect(isBusinessDay('2026-12-25', 'DE')).toBe(false);
    expect(isBusinessDay('2026-11-27', 'US')).toBe(true); // day after Thanksgiving: observance
    expect(isBusinessDay('2026-11-26', 'US')).toBe(false);
  });

  it('accepts a lower-case country and falls back to weekends for a country without a calendar', () => {
    expect(isBusinessDay('2026-08-10', 'sg')).toBe(false);
    expect(hasHolidayCalendar('SG')).toBe(true);
    expect(hasHolidayCalendar('XX')).toBe(false);
    expect(isBusinessDay('2026-12-25', 'XX')).toBe(true);
    expect(isBusinessDay('2026-12-26', 'XX')).toBe(false);
  });

  it('rejects a malformed date', () => {
    expect(() => isBusinessDay('2026-8-1', 'SG')).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it('5 business days from a Friday in Vietnam across Tết 2027', () => {
    // Friday 2027-01-29 10:00 ICT. Mon 1, Tue 2, Wed 3, Thu 4 February; Fri 5 to Tue 9 are
    // Tết; the 5th business day is Wednesday 2027-02-10, ending 23:59:59.999 ICT (+07:00).
    expect(addBusinessDays(new Date('2027-01-29T03:00:00.000Z'), 5, VN).toISOString()).toBe('2027-02-10T16:59:59.999Z');
  });

  it('5 business days from Friday 5 February 2027, itself a Tết holiday', () => {
    // Wed 10, Thu 11, Fri 12, Mon 15, Tue 16 February.
    expect(addBusinessDays(new Date('2027-02-05T02:00:00.000Z'), 5, VN).toISOString()).toBe('2027-02-16T16:59:59.999Z');
  });

  it('1 business day in Singapore across National Day 2026 (observed Monday 10 August)', () => {
    // Friday 2026-08-07 15:00 SGT -> Tuesday 2026-08-11 23:59:59.999 SGT (+08:00).
    expect(addBusinessDays(new Date('2026-08-07T07:00:00.000Z'), 1, SG).toISOString()).toBe('2026-08-11T15:59:59.999Z');
  });

  it('1 business day in Singapore across Deepavali 2026 (Monday 9 November)', () => {
    // Friday 2026-11-06 -> Tuesday 2026-11-10 23:59:59.999 SGT.
    expect(addBusinessDays(new Date('2026-11-06T02:00:00.000Z'), 1, SG).toISOString()).toBe('2026-11-10T15:59:59.999Z');
  });

  it('the start day is the local day of the ball holder, not the UTC day', () => {
    // 2026-08-06T20:00Z is Friday 04:00 in Singapore (Thursday in UTC): same as above.
    expect(addBusinessDays(new Date('2026-08-06T20:00:00.000Z'), 1, SG).toISOString()).toBe('2026-08-11T15:59:59.999Z');
    // and Thursday 16:00 in New York: 1 business day is Friday 2026-08-07 23:59:59.999 EDT.
    expect(addBusinessDays(new Date('2026-08-06T20:00:00.000Z'), 1, US).toISOString()).toBe('2026-08-08T03:59:59.999Z');
  });

  it('ends at 23:59:59.999 local across the DST change in Berlin (2026-03-29)', () => {
    // Friday 2026-03-27 12:00 CET (+01:00) -> Monday 2026-03-30 23:59:59.999 CEST (+02:00).
    expect(addBusinessDays(new Date('2026-03-27T11:00:00.000Z'), 1, DE).toISOString()).toBe('2026-03-30T21:59:59.999Z');
  });

  it('ends at 23:59:59.999 local across the DST change in New York (2026-11-01)', () => {
    // Friday 2026-10-30 12:00 EDT -> Monday 2026-11-02 23:59:59.999 EST (-05:00).
    expect(addBusinessDays(new Date('2026-10-30T16:00:00.000Z'), 1, US).toISOString()).toBe('2026-11-03T04:59:59.999Z');
  });

  it('crosses a year end and its holidays', () => {
    // Thursday 2026-12-24 in Berlin: Fri 25 and Sat 26 holidays, Sun 27; Mon 28 (1), Tue 29 (2),
    // Wed 30 (3), Thu 31 (4), Fri 2027-01-01 holiday, Mon 2027-01-04 (5).
    expect(addBusinessDays(new Date('2026-12-24T09:00:00.000Z'), 5, DE).toISOString()).toBe('2027-01-04T22:59:59.999Z');
  });

  it('rejects a count that is not a positive integer, and an unknown zone', () => {
    expect(() => addBusinessDays(new Date(), 0, SG)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(), 1.5, SG)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(), 1, { country: 'SG', timezone: 'Nowhere/City' })).toThrow(/time zone/);
  });
});

describe('with the working calendar a country announces (config/working-calendars.yaml)', () => {
  const calendars = loadWorkingCalendars('config/working-calendars.yaml');
  const vn = calendars.get('VN') as WorkingCalendar;
  const sg = calendars.get('SG') as WorkingCalendar;

  it('5 business days across Tết 2026 in Viet Nam end where the announced schedule says', () => {
    // Thursday 2026-02-12 10:00 ICT. Friday 13 (1); off from Saturday 14 to Sunday 22 February
    // (Thủ tướng, 13/10/2025); Monday 23 (2), Tuesday 24 (3), Wednesday 25 (4), Thursday 26 (5).
    expect(addBusinessDays(new Date('2026-02-12T03:00:00.000Z'), 5, VN, vn).toISOString()).toBe('2026-02-26T16:59:59.999Z');
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) expect(isBusinessDay(d, 'VN', vn)).toBe(false);
  });

  it('National Day 2026: the library knows only 2 September; the schedule adds 31 August and 1 September', () => {
    // Friday 2026-08-28: Monday 31 August (swapped off) and Tuesday 1 September are not business days.
    expect(addBusinessDays(new Date('2026-08-28T03:00:00.000Z'), 1, VN).toISOString()).toBe('2026-08-31T16:59:59.999Z');
    expect(addBusinessDays(new Date('2026-08-28T03:00:00.000Z'), 1, VN, vn).toISOString()).toBe('2026-09-03T16:59:59.999Z');
  });

  it('a make-up working day is a business day although it is a Saturday', () => {
    expect(isBusinessDay('2026-08-22', 'VN')).toBe(false);
    expect(isBusinessDay('2026-08-22', 'VN', vn)).toBe(true);
    // Friday 2026-08-21 15:00 ICT + 1 business day: Saturday 22 August, worked for Monday 31.
    expect(addBusinessDays(new Date('2026-08-21T08:00:00.000Z'), 1, VN, vn).toISOString()).toBe('2026-08-22T16:59:59.999Z');
  });

  it('New Year 2026: Friday 2 January off, Saturday 10 January worked', () => {
    // Wednesday 2025-12-31: Thursday 1 (holiday), Friday 2 (swapped off) -> Monday 5 January.
    expect(addBusinessDays(new Date('2025-12-31T03:00:00.000Z'), 1, VN, vn).toISOString()).toBe('2026-01-05T16:59:59.999Z');
    expect(addBusinessDays(new Date('2026-01-09T03:00:00.000Z'), 1, VN, vn).toISOString()).toBe('2026-01-10T16:59:59.999Z');
  });

  it("Hùng Kings' day 2026 falls on a Sunday: Monday 27 April is taken instead (Labour Code art. 111(3))", () => {
    expect(isBusinessDay('2026-04-27', 'VN')).toBe(true);
    expect(isBusinessDay('2026-04-27', 'VN', vn)).toBe(false);
  });

  it("Singapore's calendar agrees with the library for 2026 (Monday in lieu of a Sunday holiday)", () => {
    for (const d of ['2026-06-01', '2026-08-10', '2026-11-09']) expect([d, isBusinessDay(d, 'SG', sg)]).toEqual([d, false]);
    expect(addBusinessDays(new Date('2026-08-07T07:00:00.000Z'), 1, SG, sg).toISOString()).toBe('2026-08-11T15:59:59.999Z');
  });

  it('a listed non-working day wins over a make-up day listed on the same date, and a bad date is refused', () => {
    expect(isBusinessDay('2026-08-22', 'VN', { nonWorkingDays: ['2026-08-22'], makeUpWorkingDays: ['2026-08-22'] })).toBe(false);
    expect(() => isBusinessDay('2026-08-22', 'VN', { nonWorkingDays: ['2026-02-30'], makeUpWorkingDays: [] })).toThrow(RangeError);
  });

  it('without a calendar, the answers are those of the library alone', () => {
    expect(isBusinessDay('2026-01-02', 'VN')).toBe(true);
    expect(isBusinessDay('2026-01-02', 'VN', vn)).toBe(false);
    expect(isBusinessDay('2026-01-02', 'VN', { nonWorkingDays: [], makeUpWorkingDays: [] })).toBe(true);
  });
});
