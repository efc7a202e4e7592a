import type { Principal } from '@mla/identity';
import { actingOf, chaseChanges } from './recording';
import type { RequestRow } from './request-row';

const NOW = new Date('2026-12-03T03:00:00Z');
const row = (over: Partial<RequestRow> = {}): RequestRow =>
  ({
    id: 'r1', state: 'SENT', type: 'SUBSCRIBER_INFO', requestingCountry: 'VN', requestedCountry: 'US',
    requestingAuthorityId: 'vn-pros', requestedAuthorityId: 'us-oia', requestingAuthorityCode: 'VN-HCM-PROS', requestedAuthorityCode: 'US-OIA',
    requestingAuthorityReach: 'LOCAL', requestedAuthorityReach: 'OFFLINE', requestingAuthorityTimezone: 'Asia/Ho_Chi_Minh', requestedAuthorityTimezone: 'America/New_York',
    chaseDueAt: null, transmission: { channel: 'DIPLOMATIC', dispatchedAt: '2026-11-01T00:00:00.000Z', dispatchReference: 'NV-1' }, ...over,
  }) as RequestRow;
const person = (role: Principal['role'], country: string): Principal => ({ userId: 'u', email: 'e', role, authorityId: 'a', authorityCode: `${country}-X`, country });
const letter = { correspondenceDate: '2026-12-02', receivedAt: '2026-12-02T10:00:00Z', channel: 'EMAIL', reference: 'IAD/2026/114', documentId: 'd1' };
const ACK = { role: 'OFFICER', side: 'REQUESTED' };
const interval = (channel: string) => ({ DIPLOMATIC: 'P30D', EMAIL: 'P14D' })[channel] ?? 'P21D';

describe('recording an OFFLINE counterpart’s act (DESIGN §14)', () => {
  it('is the same command taken for the counterpart: the OIA as the actor', () => {
    const acting = actingOf('acknowledge', ACK, row(), person('OFFICER', 'VN'), { recordedFrom: letter }, NOW);
    expect(acting).toMatchObject({ recorded: true, counterpart: { userId: null, role: 'OFFICER', authorityId: 'us-oia', authorityCode: 'US-OIA', country: 'US' }, recordedFrom: { reference: 'IAD/2026/114', receivedAt: '2026-12-02T10:00:00.000Z' } });
  });

  it('asks this side’s officer for the letter (422), refuses anyone else (403) and a counterpart on a hub (403)', () => {
    expect(() => actingOf('acknowledge', ACK, row(), person('OFFICER', 'VN'), {}, NOW)).toThrow(expect.objectContaining({ code: 'REQUEST_INCOMPLETE' }));
    expect(() => actingOf('acknowledge', ACK, row(), person('SUPERVISOR', 'VN'), { recordedFrom: letter }, NOW)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => actingOf('acknowledge', ACK, row({ requestedAuthorityReach: 'LOCAL' }), person('OFFICER', 'VN'), { recordedFrom: letter }, NOW)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => actingOf('acknowledge', ACK, row({ requestedAuthorityReach: 'PEER' }), person('OFFICER', 'VN'), { recordedFrom: letter }, NOW)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    // Without a letter, a prosecutor is refused by the table itself (403 there): nothing recorded.
    expect(actingOf('acknowledge', ACK, row(), person('PROSECUTOR', 'VN'), {}, NOW)).toEqual({ recorded: false });
    expect(actingOf('close', { role: 'PROSECUTOR', side: 'REQUESTING' }, row(), person('PROSECUTOR', 'VN'), {}, NOW)).toEqual({ recorded: false });
  });

  it('refuses a letter dated or received in the future, or dated after it arrived (422)', () => {
    const at = (over: object) => () => actingOf('acknowledge', ACK, row(), person('OFFICER', 'VN'), { recordedFrom: { ...letter, ...over } }, NOW);
    expect(at({ receivedAt: '2026-12-04T00:00:00Z' })).toThrow(expect.objectContaining({ code: 'RULE_VIOLATED' }));
    expect(at({ correspondenceDate: '2026-12-04' })).toThrow(expect.objectContaining({ code: 'RULE_VIOLATED' }));
    expect(at({ correspondenceDate: '2026-12-03' })).toThrow(expect.objectContaining({ code: 'RULE_VIOLATED' }));
  });
});

describe('the chase interval', () => {
  const step = (over: object) => ({ action: 'send', toState: 'SENT' as const, recordedFrom: null, transmission: null, chaser: null, now: NOW, ...over });

  it('starts from the dispatch, by its channel', () => {
    const t = { channel: 'DIPLOMATIC' as const, dispatchedAt: '2026-11-01T00:00:00.000Z', dispatchReference: 'x' };
    expect(chaseChanges(row({ state: 'IN_REVIEW', transmission: null }), step({ transmission: t }), interval)).toEqual({ chaseDueAt: new Date('2026-12-01T00:00:00.000Z') });
  });

  it('restarts from a letter received or a chaser sent, by their channel', () => {
    expect(chaseChanges(row(), step({ action: 'acknowledge', toState: 'ACKNOWLEDGED', recordedFrom: letter }), interval)).toEqual({ chaseDueAt: new Date('2026-12-16T10:00:00.000Z') });
    expect(chaseChanges(row({ chaseDueAt: NOW }), step({ action: 'chase', chaser: { channel: 'OTHER', dispatchedAt: '2026-12-03T00:00:00Z' } }), interval)).toEqual({ chaseDueAt: new Date('2026-12-24T00:00:00.000Z') });
  });

  it('stops while this side holds the ball, and for a request between two hubs', () => {
    expect(chaseChanges(row({ state: 'IN_EXECUTION', chaseDueAt: NOW }), step({ action: 'request_info', toState: 'INFO_REQUESTED', recordedFrom: letter }), interval)).toEqual({ chaseDueAt: null });
    expect(chaseChanges(row({ requestedAuthorityReach: 'LOCAL' }), step({}), interval)).toEqual({});
  });
});
