import { buildStatsReport, type CounterRow, durationsOf } from './stats-report';
import { csvField, statsToCsv } from './stats-csv';

describe('statistics as CSV', () => {
  it('quotes per RFC 4180 only what needs it', () => {
    expect(csvField('SG')).toBe('SG');
    expect(csvField(0.6667)).toBe('0.6667');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('writes a header and one row per direction and group, totals last, CRLF line ends', () => {
    const zeros = (n: number) => new Array<number>(n).fill(0);
    const states = (state: number, n: number) => zeros(12).map((_, i) => (i === state ? n : 0));
    const counter = (value: string, o: Partial<CounterRow>): CounterRow => ({
      direction: 'outgoing', value, requests: 0, states: zeros(12), sent: 0, sent_states: zeros(12), executed: 0, answered: 0, chases: 0, outcomes: zeros(18), ...o,
    });
    const outcomes = zeros(18);
    outcomes[3] = 1; // ACKNOWLEDGEMENT: one MET,
    outcomes[4] = 1; // on time,
    outcomes[5] = 2; // and two OVERDUE
    const counters = [counter('TH', { requests: 2, sent: 2, states: states(8, 2), outcomes }), counter('SG', { requests: 1, sent: 1, states: states(2, 1), backlog: [0, 0, 0, 1] })];
    const durations = durationsOf([{ direction: 'outgoing', value: 'TH', kind: 'durations', ack: '7200,10800', exec: '', answer: '' }]);
    const stats = buildStatsReport(
      {
        groups: { counters, durations },
        countries: { counters, durations },
        authorities: { counters: [], durations: new Map() },
        authorityNames: new Map(),
        pending: [],
        deadDeliveries: [{ direction: 'outgoing', grp: 'SG', n: 4 }],
      },
      { country: 'VN', from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z'), groupBy: 'counterpart', now: new Date('2026-02-20T00:00:00Z') },
    );
    const lines = statsToCsv(stats).split('\r\n');
    expect(lines.pop()).toBe('');
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['outgoing', 'SG', '1'],
      ['outgoing', 'TH', '2'],
      ['outgoing', 'ALL', '3'],
      ['incoming', 'ALL', '0'],
    ]);
    const cell = (row: number, column: string) => rows[row]![header.indexOf(column)];
    expect(cell(0, 'backlog_over_180_days')).toBe('1');
    expect(cell(0, 'dead_webhook_deliveries')).toBe('4');
    expect(cell(1, 'acknowledge_median_hours')).toBe('2.5');
    expect(cell(1, 'acknowledge_p90_hours')).toBe('2.9');
    expect(cell(1, 'ACKNOWLEDGEMENT_on_time_share')).toBe('0.3333');
    expect(cell(2, 'state_CLOSED')).toBe('2');
    expect(cell(3, 'acknowledge_median_hours')).toBe('');
  });
});
