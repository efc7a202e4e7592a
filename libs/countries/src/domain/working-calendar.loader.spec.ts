import { CountryConfigError } from './config-file-error';
import { loadWorkingCalendars, parseWorkingCalendars } from './working-calendar.loader';

const SRC = 'config/working-calendars.yaml';

function issuesOf(yamlText: string): string[] {
  try {
    parseWorkingCalendars(yamlText, SRC);
  } catch (e) {
    expect(e).toBeInstanceOf(CountryConfigError);
    for (const line of (e as Error).message.split('\n')) expect(line.startsWith(`${SRC}: `)).toBe(true);
    return (e as CountryConfigError).issues;
  }
  throw new Error('the text was accepted');
}

const VN = `
calendars:
  VN:
    2026:
      nonWorkingDays:
        - { from: 2026-02-16, to: 2026-02-20, name: Tết, source: Thủ tướng 13/10/2025 }
        - { date: 2026-01-02, source: VPCP 12729/VPCP-KGVX }
      makeUpWorkingDays:
        - { date: 2026-01-10, source: VPCP 12729/VPCP-KGVX }
`;

describe('parseWorkingCalendars', () => {
  it('reads days and ranges with their sources, and expands them for the arithmetic', () => {
    const vn = parseWorkingCalendars(VN, SRC).get('VN');
    expect(vn?.years).toEqual([
      {
        year: 2026,
        nonWorkingDays: [
          { from: '2026-02-16', to: '2026-02-20', name: 'Tết', source: 'Thủ tướng 13/10/2025' },
          { from: '2026-01-02', to: '2026-01-02', source: 'VPCP 12729/VPCP-KGVX' },
        ],
        makeUpWorkingDays: [{ from: '2026-01-10', to: '2026-01-10', source: 'VPCP 12729/VPCP-KGVX' }],
      },
    ]);
    expect(vn?.nonWorkingDays).toEqual(['2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(vn?.makeUpWorkingDays).toEqual(['2026-01-10']);
    expect(Object.isFrozen(vn?.nonWorkingDays)).toBe(true);
  });

  it('names a date that is not a date, and an unknown key', () => {
    expect(issuesOf(VN.replace('date: 2026-01-02', 'date: 2026-02-30').replace('name: Tết', 'title: Tết'))).toEqual([
      'calendars.VN.2026.nonWorkingDays[0].title: unknown key',
      'calendars.VN.2026.nonWorkingDays[1].date: "2026-02-30" is not a date YYYY-MM-DD',
    ]);
  });

  it('names a make-up working day that is not a weekend day', () => {
    expect(issuesOf(VN.replace('date: 2026-01-10', 'date: 2026-01-12'))).toEqual([
      'calendars.VN.2026.makeUpWorkingDays[0]: 2026-01-12 is a weekday: a make-up working day is a Saturday or a Sunday',
    ]);
  });

  it('names a day listed both ways or twice, and a date outside its year', () => {
    expect(issuesOf(VN.replace('date: 2026-01-10', 'date: 2026-02-21').replace('date: 2026-01-02', 'date: 2027-01-01'))).toEqual([
      'calendars.VN.2026.nonWorkingDays[1]: 2027-01-01 is not in 2026',
    ]);
    expect(issuesOf(VN.replace('date: 2026-01-10', 'date: 2026-02-14').replace('to: 2026-02-20', 'to: 2026-02-21').replace('date: 2026-01-02', 'date: 2026-02-17'))).toEqual([
      'calendars.VN.2026.nonWorkingDays[1]: 2026-02-17 is already listed at nonWorkingDays[0]',
    ]);
    expect(issuesOf(VN.replace('to: 2026-02-20', 'to: 2026-02-21').replace('date: 2026-01-10', 'date: 2026-02-21'))).toEqual([
      'calendars.VN.2026.makeUpWorkingDays[0]: 2026-02-21 is already listed at nonWorkingDays[0]',
    ]);
  });

  it('names a range given by halves, backwards or too long, and an entry with both forms', () => {
    expect(issuesOf(VN.replace('{ from: 2026-02-16, to: 2026-02-20,', '{ from: 2026-02-16,'))).toEqual(['calendars.VN.2026.nonWorkingDays[0].to: missing']);
    expect(issuesOf(VN.replace('to: 2026-02-20', 'to: 2026-02-10'))).toEqual(['calendars.VN.2026.nonWorkingDays[0].to: 2026-02-10 is before from 2026-02-16']);
    expect(issuesOf(VN.replace('to: 2026-02-20', 'to: 2026-04-20'))).toEqual(['calendars.VN.2026.nonWorkingDays[0].to: a range of 64 days (at most 31)']);
    expect(issuesOf(VN.replace('{ date: 2026-01-02,', '{ date: 2026-01-02, from: 2026-01-02, to: 2026-01-02,'))).toEqual([
      'calendars.VN.2026.nonWorkingDays[1]: give either date, or from and to',
    ]);
  });

  it('names an entry without a source, a bad country and a bad year', () => {
    expect(issuesOf(VN.replace(', source: VPCP 12729/VPCP-KGVX }\n      makeUp', ' }\n      makeUp'))).toEqual(['calendars.VN.2026.nonWorkingDays[1].source: missing']);
    expect(issuesOf('calendars:\n  Vietnam: {}\n  SG:\n    "26": {}\n')).toEqual([
      'calendars.Vietnam: "Vietnam" is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. VN)',
      'calendars.SG.26: "26" is not a year',
    ]);
  });
});

describe('loadWorkingCalendars', () => {
  it('loads the shipped VN and SG calendars for 2026 and 2027', () => {
    const calendars = loadWorkingCalendars('config/working-calendars.yaml');
    const vn = calendars.get('VN');
    expect(vn?.years.map((y) => y.year)).toEqual([2026, 2027]);
    expect(vn?.nonWorkingDays).toEqual(expect.arrayContaining(['2026-01-02', '2026-02-16', '2026-02-20', '2026-04-27', '2026-08-31', '2026-09-01', '2027-05-03']));
    expect(vn?.makeUpWorkingDays).toEqual(['2026-01-10', '2026-08-22']);
    expect(calendars.get('SG')?.nonWorkingDays).toEqual(expect.arrayContaining(['2026-06-01', '2026-08-10', '2026-11-09', '2027-08-09']));
    for (const country of calendars.values()) {
      for (const year of country.years) for (const e of [...year.nonWorkingDays, ...year.makeUpWorkingDays]) expect(e.source.length).toBeGreaterThan(20);
    }
  });
});
