import { layerCalendars, parseCalendarYear, parseWorkingCalendars } from './working-calendar.loader';

const FILE = parseWorkingCalendars(`
calendars:
  VN:
    2026:
      nonWorkingDays:
        - { from: 2026-02-16, to: 2026-02-20, name: Tết, source: Thủ tướng 13/10/2025 }
    2027:
      nonWorkingDays:
        - { date: 2027-05-03, source: Bộ luật Lao động art. 111(3) }
`);

const issues = (year: number, body: unknown) => {
  const r = parseCalendarYear(year, body);
  if (r.ok) throw new Error('accepted');
  return r.issues;
};

describe('parseCalendarYear: a year as an admin sends it, the rules of the file', () => {
  it('accepts days and ranges with their sources (a range stored as from/to, a day as from = to)', () => {
    const r = parseCalendarYear(2027, {
      nonWorkingDays: [{ from: '2027-02-05', to: '2027-02-10', name: 'Tết Đinh Mùi', source: 'Thông báo của Văn phòng Chính phủ' }],
      makeUpWorkingDays: [{ date: '2027-02-20', source: 'Thông báo của Văn phòng Chính phủ' }],
    });
    expect(r).toEqual({
      ok: true,
      year: {
        year: 2027,
        nonWorkingDays: [{ from: '2027-02-05', to: '2027-02-10', name: 'Tết Đinh Mùi', source: 'Thông báo của Văn phòng Chính phủ' }],
        makeUpWorkingDays: [{ from: '2027-02-20', to: '2027-02-20', source: 'Thông báo của Văn phòng Chính phủ' }],
      },
    });
    expect(parseCalendarYear(2027, {})).toEqual({ ok: true, year: { year: 2027, nonWorkingDays: [], makeUpWorkingDays: [] } });
  });

  it('names every bad entry by its path in the body', () => {
    expect(
      issues(2027, {
        nonWorkingDays: [
          { date: '2026-12-31', source: 'a source of the day' },
          { date: '2027-02-30', source: 'a source of the day' },
          { from: '2027-03-10', source: 'a source of the day' },
          { date: '2027-04-01', source: 'x' },
          { date: '2027-04-02', from: '2027-04-02', to: '2027-04-03', source: 'a source of the day' },
          { date: '2027-05-04', source: 'a source of the day', colour: 'red' },
        ],
        makeUpWorkingDays: [{ date: '2027-02-22', source: 'a source of the day' }, { date: '2027-05-04', source: 'a source of the day' }],
        holidays: [],
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'nonWorkingDays[0]', message: '2026-12-31 is not in 2027' },
        { path: 'nonWorkingDays[1].date', message: '"2027-02-30" is not a date YYYY-MM-DD' },
        { path: 'nonWorkingDays[2].to', message: 'missing' },
        { path: 'nonWorkingDays[3].source', message: expect.stringContaining('is not a source') },
        { path: 'nonWorkingDays[4]', message: 'give either date, or from and to' },
        { path: 'nonWorkingDays[5].colour', message: 'unknown key' },
        { path: 'makeUpWorkingDays[0]', message: '2027-02-22 is a weekday: a make-up working day is a Saturday or a Sunday' },
        { path: 'holidays', message: 'unknown key' },
      ]),
    );
  });

  it('refuses what is not a mapping of two lists, and overlong lists', () => {
    expect(issues(2027, [])).toEqual([{ path: '', message: '[] must be a mapping' }]);
    expect(issues(2027, { nonWorkingDays: 'all of February' })[0]).toEqual({ path: 'nonWorkingDays', message: '"all of February" must be a list' });
    const many = Array.from({ length: 367 }, () => ({ date: '2027-01-04', source: 'a source of the day' }));
    expect(issues(2027, { nonWorkingDays: many }).map((i) => i.path)).toContain('nonWorkingDays');
  });

  it('refuses a day listed twice, in either list', () => {
    expect(issues(2027, { nonWorkingDays: [{ from: '2027-01-30', to: '2027-02-01', source: 'a source of the day' }], makeUpWorkingDays: [{ date: '2027-01-30', source: 'a source of the day' }] })).toEqual([
      { path: 'makeUpWorkingDays[0]', message: '2027-01-30 is already listed at nonWorkingDays[0]' },
    ]);
  });
});

describe('layerCalendars: the years admins set over the file', () => {
  it('a year set replaces the file’s for that country and year; the other years stay', () => {
    const set = parseCalendarYear(2027, { nonWorkingDays: [{ from: '2027-02-05', to: '2027-02-09', source: 'Thông báo' }] });
    if (!set.ok) throw new Error('refused');
    const layered = layerCalendars(FILE, [{ country: 'VN', year: set.year }]);
    const vn = layered.get('VN');
    expect(vn?.years.map((y) => y.year)).toEqual([2026, 2027]);
    expect(vn?.nonWorkingDays).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    expect(vn?.nonWorkingDays).not.toContain('2027-05-03');
    expect(FILE.get('VN')?.nonWorkingDays).toContain('2027-05-03'); // the file's map is untouched
  });

  it('adds a country the file does not list, and changes nothing without years', () => {
    const set = parseCalendarYear(2027, { nonWorkingDays: [{ date: '2027-09-01', source: 'Gazette notice' }] });
    if (!set.ok) throw new Error('refused');
    expect(layerCalendars(FILE, [{ country: 'TH', year: set.year }]).get('TH')?.nonWorkingDays).toEqual(['2027-09-01']);
    expect(layerCalendars(FILE, [])).toBe(FILE);
  });
});
