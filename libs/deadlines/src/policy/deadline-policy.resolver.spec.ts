import { join } from 'node:path';
import { loadDeadlinePolicy, parseDeadlinePolicy } from './deadline-policy.loader';
import { durationFor, effectivePolicy, overrideMatches, type PolicyContext } from './deadline-policy.resolver';

const shipped = loadDeadlinePolicy(join(__dirname, '../../../../config/deadline-policy.yaml'));

const BASE = `
deadlines:
  REVIEW:          { ROUTINE: { businessDays: 5 }, URGENT: { businessDays: 1 }, EMERGENCY: PT4H }
  ACKNOWLEDGEMENT: { ROUTINE: { businessDays: 5 }, URGENT: { businessDays: 1 }, EMERGENCY: PT8H }
  PRESERVATION_CONFIRMATION: { ROUTINE: { businessDays: 2 }, URGENT: { businessDays: 1 }, EMERGENCY: PT8H }
  EXECUTION:
    SUBSCRIBER_INFO: { ROUTINE: P20D, URGENT: P10D, EMERGENCY: PT96H }
    TRAFFIC_DATA:    { ROUTINE: P45D, URGENT: P20D, EMERGENCY: PT96H }
    default:         { ROUTINE: P90D, URGENT: P30D, EMERGENCY: PT96H }
  INFO_RESPONSE:   { ROUTINE: P30D, URGENT: P10D, EMERGENCY: PT48H }
preservation: { minimum: P60D, maximumPeriod: P90D, extension: P30D, maxExtensions: 3 }
reminders: [ { atFraction: 0.5 }, { before: PT24H } ]
escalation: { level2AfterFraction: 0.5 }
`;

const policy = parseDeadlinePolicy(`${BASE}
overrides:
  - match: { legalBasis: BILATERAL_TREATY, requestingCountry: VN, requestedCountry: KR }
    deadlines: { ACKNOWLEDGEMENT: { ROUTINE: { businessDays: 10 } } }
  - match: { legalBasis: ASEAN_MLAT_2004 }
    deadlines:
      ACKNOWLEDGEMENT: { ROUTINE: { businessDays: 3 } }
      EXECUTION:
        default: { ROUTINE: P60D }
        CONTENT_DATA: { URGENT: P15D }
    preservation: { maximumPeriod: P120D, maxExtensions: 1 }
  - match: { requestedCountry: SG }
    deadlines: { ACKNOWLEDGEMENT: { ROUTINE: { businessDays: 7 } }, REVIEW: { EMERGENCY: PT2H } }
`);

const ctx = (over: Partial<PolicyContext> = {}): PolicyContext => ({
  priority: 'ROUTINE',
  type: 'SUBSCRIBER_INFO',
  legalBasis: 'BUDAPEST_CONVENTION',
  requestingCountry: 'VN',
  requestedCountry: 'DE',
  ...over,
});

describe('durationFor', () => {
  it('reads the base by kind and priority, EXECUTION by request type, else default', () => {
    expect(durationFor(shipped, 'REVIEW', ctx({ priority: 'EMERGENCY' }))).toEqual({ kind: 'iso', iso: 'PT4H' });
    expect(durationFor(shipped, 'ACKNOWLEDGEMENT', ctx())).toEqual({ kind: 'businessDays', days: 5 });
    expect(durationFor(shipped, 'EXECUTION', ctx())).toEqual({ kind: 'iso', iso: 'P20D' });
    expect(durationFor(shipped, 'EXECUTION', ctx({ type: 'TRAFFIC_DATA', priority: 'URGENT' }))).toEqual({ kind: 'iso', iso: 'P20D' });
    expect(durationFor(shipped, 'EXECUTION', ctx({ type: 'SEIZED_DEVICE' }))).toEqual({ kind: 'iso', iso: 'P90D' });
    expect(durationFor(shipped, 'EXECUTION', ctx({ type: 'PRESERVATION' }))).toEqual({ kind: 'iso', iso: 'P90D' });
    expect(durationFor(shipped, 'PRESERVATION_CONFIRMATION', ctx({ type: 'PRESERVATION', priority: 'URGENT' }))).toEqual({ kind: 'businessDays', days: 1 });
    expect(durationFor(shipped, 'INFO_RESPONSE', ctx({ priority: 'EMERGENCY' }))).toEqual({ kind: 'iso', iso: 'PT48H' });
  });

  it('an override for a legal basis and pair of countries wins over the base', () => {
    const vnKr = ctx({ legalBasis: 'BILATERAL_TREATY', requestedCountry: 'KR' });
    expect(durationFor(policy, 'ACKNOWLEDGEMENT', vnKr)).toEqual({ kind: 'businessDays', days: 10 });
    // other leaves stay the base's
    expect(durationFor(policy, 'ACKNOWLEDGEMENT', { ...vnKr, priority: 'URGENT' })).toEqual({ kind: 'businessDays', days: 1 });
    // the reverse direction does not match
    expect(durationFor(policy, 'ACKNOWLEDGEMENT', ctx({ legalBasis: 'BILATERAL_TREATY', requestingCountry: 'KR', requestedCountry: 'VN' }))).toEqual({ kind: 'businessDays', days: 5 });
    // another legal basis between the same countries does not match
    expect(durationFor(policy, 'ACKNOWLEDGEMENT', { ...vnKr, legalBasis: 'RECIPROCITY' })).toEqual({ kind: 'businessDays', days: 5 });
  });

  it('the first matching override wins', () => {
    // ASEAN MLAT to Singapore matches overrides 2 and 3: the ASEAN one (3 business days) wins.
    const aseanSg = ctx({ legalBasis: 'ASEAN_MLAT_2004', requestedCountry: 'SG' });
    expect(durationFor(policy, 'ACKNOWLEDGEMENT', aseanSg)).toEqual({ kind: 'businessDays', days: 3 });
    // and the later override's other entries do not apply either
    expect(durationFor(policy, 'REVIEW', { ...aseanSg, priority: 'EMERGENCY' })).toEqual({ kind: 'iso', iso: 'PT4H' });
    // without ASEAN, the SG override applies
    expect(durationFor(policy, 'ACKNOWLEDGEMENT', ctx({ requestedCountry: 'SG' }))).toEqual({ kind: 'businessDays', days: 7 });
    expect(durationFor(policy, 'REVIEW', ctx({ requestedCountry: 'SG', priority: 'EMERGENCY' }))).toEqual({ kind: 'iso', iso: 'PT2H' });
  });

  it('EXECUTION overrides replace leaves: a type leaf of the base survives an override of default', () => {
    const asean = (over: Partial<PolicyContext>) => ctx({ legalBasis: 'ASEAN_MLAT_2004', ...over });
    expect(durationFor(policy, 'EXECUTION', asean({ type: 'SEIZED_DEVICE' }))).toEqual({ kind: 'iso', iso: 'P60D' });
    expect(durationFor(policy, 'EXECUTION', asean({ type: 'SUBSCRIBER_INFO' }))).toEqual({ kind: 'iso', iso: 'P20D' });
    // a type the base does not name: its own leaf, else the merged default
    expect(durationFor(policy, 'EXECUTION', asean({ type: 'CONTENT_DATA', priority: 'URGENT' }))).toEqual({ kind: 'iso', iso: 'P15D' });
    expect(durationFor(policy, 'EXECUTION', asean({ type: 'CONTENT_DATA' }))).toEqual({ kind: 'iso', iso: 'P60D' });
    expect(durationFor(policy, 'EXECUTION', asean({ type: 'CONTENT_DATA', priority: 'EMERGENCY' }))).toEqual({ kind: 'iso', iso: 'PT96H' });
  });
});

describe('effectivePolicy', () => {
  it('is the base itself when nothing matches', () => {
    const eff = effectivePolicy(policy, ctx());
    expect(eff.deadlines).toBe(policy.deadlines);
    expect(eff.preservation).toBe(policy.preservation);
    expect(eff.overrides).toEqual([]);
  });

  it('applies preservation overrides entry by entry', () => {
    expect(effectivePolicy(policy, ctx({ legalBasis: 'ASEAN_MLAT_2004' })).preservation).toEqual({
      minimum: 'P60D',
      maximumPeriod: 'P120D',
      extension: 'P30D',
      maxExtensions: 1,
    });
  });

  it('does not change the loaded policy, and answers the same object for the same override', () => {
    const a = effectivePolicy(policy, ctx({ legalBasis: 'ASEAN_MLAT_2004' }));
    const b = effectivePolicy(policy, ctx({ legalBasis: 'ASEAN_MLAT_2004', requestedCountry: 'SG', priority: 'URGENT' }));
    expect(a).toBe(b);
    expect(policy.deadlines.ACKNOWLEDGEMENT.ROUTINE).toEqual({ kind: 'businessDays', days: 5 });
    expect(policy.preservation.maximumPeriod).toBe('P90D');
  });

  it('an empty match matches every request', () => {
    const all = parseDeadlinePolicy(`${BASE}\noverrides: [ { match: {}, deadlines: { REVIEW: { ROUTINE: P1D } } } ]\n`);
    expect(overrideMatches(all.overrides[0], ctx())).toBe(true);
    expect(durationFor(all, 'REVIEW', ctx({ requestingCountry: 'SG' }))).toEqual({ kind: 'iso', iso: 'P1D' });
  });
});
