import { binSeconds, cellChanges, cellChangesOfAll, cellsOf, DURATION_BINS, durationBin, monthChangesOf, type RolledRow } from './stats-cells';

const draft: RolledRow = {
  state: 'DRAFT',
  type: 'SUBSCRIBER_INFO',
  priority: 'ROUTINE',
  channel: 'CENTRAL_AUTHORITY',
  requestingCountry: 'VN',
  requestedCountry: 'SG',
  requestingAuthorityId: 'vn-pros',
  requestedAuthorityId: 'sg-ca',
  createdAt: new Date('2026-03-01T23:30:00Z'),
  sentAt: null,
  acknowledgedAt: null,
  executedAt: null,
  closedAt: null,
  deadlineOutcomes: new Array(18).fill(0),
};
const sent: RolledRow = { ...draft, state: 'SENT', sentAt: new Date('2026-03-02T01:00:00Z') };

describe('the statistics rollup', () => {
  it('counts a draft once per dimension of its requesting side only, on its UTC day of creation', () => {
    const cells = cellsOf(draft, 0);
    expect(cells.map((c) => [c.country, c.direction, c.dim, c.day, c.value])).toEqual([
      ['VN', 'outgoing', 'counterpart', '2026-03-01', 'SG'],
      ['VN', 'outgoing', 'authority', '2026-03-01', 'sg-ca'],
      ['VN', 'outgoing', 'type', '2026-03-01', 'SUBSCRIBER_INFO'],
      ['VN', 'outgoing', 'priority', '2026-03-01', 'ROUTINE'],
      ['VN', 'outgoing', 'channel', '2026-03-01', 'CENTRAL_AUTHORITY'],
      ['VN', 'outgoing', 'counterpart_type', '2026-03-01', 'SG|SUBSCRIBER_INFO'],
    ]);
    expect(cells[0]).toMatchObject({ requests: 1, sent: 0, openSince: [Math.floor((draft.createdAt.getTime() - Date.UTC(2000, 0, 1)) / 1000)] });
    expect(cellsOf({ ...draft, deletedAt: new Date() }, 0)).toEqual([]);
  });

  it('moves a request between states on send, and adds it to the requested side (incoming, aged from its arrival)', () => {
    const changes = cellChanges(draft, sent);
    const outgoing = changes.find((c) => c.direction === 'outgoing' && c.dim === 'type')!;
    expect(outgoing).toMatchObject({ requests: 0, sent: 1, openSince: [] });
    expect(outgoing.states.slice(0, 3)).toEqual([-1, 0, 1]);
    const incoming = changes.find((c) => c.direction === 'incoming' && c.dim === 'counterpart')!;
    expect(incoming).toMatchObject({ country: 'SG', value: 'VN', requests: 1, sent: 1, openSince: [Math.floor((sent.sentAt!.getTime() - Date.UTC(2000, 0, 1)) / 1000)] });
    expect(cellChanges(sent, sent)).toEqual([]);
    expect(cellChanges(sent, sent, 1).every((c) => c.chases === 1 && c.requests === 0)).toBe(true);
  });

  it('records an answer: the duration added once (a change of it removes the old one), and the open age removed', () => {
    const executed: RolledRow = { ...sent, state: 'EVIDENCE_RECEIVED', acknowledgedAt: new Date('2026-03-02T03:00:00Z'), executedAt: new Date('2026-03-05T01:00:00Z') };
    const c = cellChanges(sent, executed).find((x) => x.direction === 'outgoing' && x.dim === 'counterpart')!;
    expect(c).toMatchObject({ executed: 1, answered: 1, ackS: [7200], execS: [259_200], answerS: [259_200] });
    const closed: RolledRow = { ...executed, state: 'CLOSED', closedAt: new Date('2026-03-06T00:00:00Z') };
    expect(cellChanges(executed, closed).find((x) => x.dim === 'type' && x.direction === 'outgoing')!.openSince).toEqual([-(cellsOf(executed, 0)[0]!.openSince[0]! + 1)]);
    const months = monthChangesOf(cellChangesOfAll([{ before: sent, after: executed, chases: 0 }]));
    // 2 hours: bin 24 (five minutes each); 3 days: bin 264 + 72 = 336 (an hour each).
    expect(months.find((m) => m.direction === 'outgoing' && m.dim === 'counterpart')).toEqual({
      country: 'VN', direction: 'outgoing', dim: 'counterpart', month: '2026-03-01', value: 'SG', ack: [[24], [1]], exec: [[336], [1]], answer: [[336], [1]],
    });
    expect(months.some((m) => m.dim === 'counterpart_type')).toBe(false);
  });

  it('bins durations: five minutes below a day, an hour below a week, a day up to 1,100 days; each bin counts as its lower bound', () => {
    const cases: [number, number][] = [
      [0, 0],
      [299, 0],
      [300, 1],
      [86_399, 287],
      [86_400, 288],
      [604_799, 431],
      [604_800, 432],
      [95_039_999, 1524],
      [95_040_000, 1525],
      [10 ** 9, 1525],
    ];
    for (const [seconds, bin] of cases) expect([seconds, durationBin(seconds)]).toEqual([seconds, bin]);
    for (let bin = 0; bin < DURATION_BINS; bin++) expect(durationBin(binSeconds(bin))).toBe(bin);
  });
});
