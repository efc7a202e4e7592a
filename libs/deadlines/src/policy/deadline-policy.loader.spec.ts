import { join } from 'node:path';
import { stringify } from 'yaml';
import { DeadlinePolicyError, loadDeadlinePolicy, parseDeadlinePolicy } from './deadline-policy.loader';

const ROOT = join(__dirname, '../../../..');
const SHIPPED = join(ROOT, 'config/deadline-policy.yaml');
const FIXTURES = join(ROOT, 'test/fixtures/policies');

/** A valid policy as plain data; each bad case changes one entry. */
function basePolicy(): any {
  const byPriority = (routine: unknown, urgent: unknown, emergency: unknown) => ({ ROUTINE: routine, URGENT: urgent, EMERGENCY: emergency });
  return {
    deadlines: {
      REVIEW: byPriority({ businessDays: 5 }, { businessDays: 1 }, 'PT4H'),
      ACKNOWLEDGEMENT: byPriority({ businessDays: 5 }, { businessDays: 1 }, 'PT8H'),
      PRESERVATION_CONFIRMATION: byPriority({ businessDays: 2 }, { businessDays: 1 }, 'PT8H'),
      EXECUTION: {
        SUBSCRIBER_INFO: byPriority('P20D', 'P10D', 'PT96H'),
        TRAFFIC_DATA: byPriority('P45D', 'P20D', 'PT96H'),
        default: byPriority('P90D', 'P30D', 'PT96H'),
      },
      INFO_RESPONSE: byPriority('P30D', 'P10D', 'PT48H'),
    },
    preservation: { minimum: 'P60D', maximumPeriod: 'P90D', extension: 'P30D', maxExtensions: 3 },
    reminders: [{ atFraction: 0.5 }, { before: 'PT24H' }],
    escalation: { level2AfterFraction: 0.5 },
    chase: { default: 'P21D', DIPLOMATIC: 'P30D', CENTRAL_AUTHORITY_MAIL: 'P21D', COURIER: 'P21D', EMAIL: 'P14D', INTERPOL: 'P14D', NETWORK_24_7: 'P7D', OTHER: 'P21D' },
    overrides: [],
  };
}

function parseWith(change: (p: any) => void, source = 'config/x.yaml') {
  const p = basePolicy();
  change(p);
  return parseDeadlinePolicy(stringify(p), source);
}

function errorOf(fn: () => unknown): DeadlinePolicyError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DeadlinePolicyError);
    return e as DeadlinePolicyError;
  }
  throw new Error('expected a DeadlinePolicyError');
}

describe('the shipped policy (config/deadline-policy.yaml)', () => {
  const policy = loadDeadlinePolicy(SHIPPED);

  it('holds the defaults of DESIGN §5', () => {
    const bd = (days: number) => ({ kind: 'businessDays', days });
    const iso = (v: string) => ({ kind: 'iso', iso: v });
    expect(policy.deadlines).toEqual({
      REVIEW: { ROUTINE: bd(5), URGENT: bd(1), EMERGENCY: iso('PT4H') },
      ACKNOWLEDGEMENT: { ROUTINE: bd(5), URGENT: bd(1), EMERGENCY: iso('PT8H') },
      PRESERVATION_CONFIRMATION: { ROUTINE: bd(2), URGENT: bd(1), EMERGENCY: iso('PT8H') },
      EXECUTION: {
        SUBSCRIBER_INFO: { ROUTINE: iso('P20D'), URGENT: iso('P10D'), EMERGENCY: iso('PT96H') },
        TRAFFIC_DATA: { ROUTINE: iso('P45D'), URGENT: iso('P20D'), EMERGENCY: iso('PT96H') },
        default: { ROUTINE: iso('P90D'), URGENT: iso('P30D'), EMERGENCY: iso('PT96H') },
      },
      INFO_RESPONSE: { ROUTINE: iso('P30D'), URGENT: iso('P10D'), EMERGENCY: iso('PT48H') },
    });
    expect(policy.preservation).toEqual({ minimum: 'P60D', maximumPeriod: 'P90D', extension: 'P30D', maxExtensions: 3 });
    expect(policy.reminders).toEqual([{ atFraction: 0.5 }, { before: 'PT24H' }]);
    expect(policy.escalation).toEqual({ level2AfterFraction: 0.5 });
    expect(policy.overrides).toEqual([]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(policy.deadlines.REVIEW.ROUTINE)).toBe(true);
  });

  it('the same content as inline data parses to the same policy', () => {
    expect(parseDeadlinePolicy(stringify(basePolicy()))).toEqual(policy);
  });
});

describe('valid policies', () => {
  it('a policy of seconds (PT5S) is valid', () => {
    const policy = loadDeadlinePolicy(join(FIXTURES, 'seconds.yaml'));
    expect(policy.deadlines.REVIEW.EMERGENCY).toEqual({ kind: 'iso', iso: 'PT5S' });
    expect(policy.preservation.minimum).toBe('PT60S');
  });

  it('accepts overrides per legal basis and pair of countries, and JSON', () => {
    const p = parseWith((p) => {
      p.overrides = [
        { match: { legalBasis: 'BILATERAL_TREATY', requestingCountry: 'VN', requestedCountry: 'KR' }, deadlines: { ACKNOWLEDGEMENT: { ROUTINE: { businessDays: 10 } } } },
        { match: { priority: 'EMERGENCY', type: 'PRESERVATION' }, preservation: { minimum: 'P30D' } },
      ];
    });
    expect(p.overrides[0].deadlines?.ACKNOWLEDGEMENT?.ROUTINE).toEqual({ kind: 'businessDays', days: 10 });
    expect(parseDeadlinePolicy(JSON.stringify(basePolicy()))).toEqual(parseWith(() => undefined));
  });

  it('an absent or empty overrides list means none', () => {
    expect(parseWith((p) => delete p.overrides).overrides).toEqual([]);
    expect(parseDeadlinePolicy(stringify(basePolicy()).replace('overrides: []', 'overrides:')).overrides).toEqual([]);
  });

  it('accepts maxExtensions 0, no reminders, and a level-2 fraction above 1', () => {
    const p = parseWith((p) => {
      p.preservation.maxExtensions = 0;
      p.reminders = [];
      p.escalation.level2AfterFraction = 2;
    });
    expect([p.preservation.maxExtensions, p.reminders.length, p.escalation.level2AfterFraction]).toEqual([0, 0, 2]);
  });
});

describe('bad policies name the file and the offending entry', () => {
  it('the example of the contract: a negative duration', () => {
    const e = errorOf(() => parseWith((p) => (p.deadlines.REVIEW.URGENT = 'P-1D')));
    expect(e.message).toBe('config/x.yaml: deadlines.REVIEW.URGENT: "P-1D" is not a positive ISO 8601 duration or { businessDays: N }');
    expect(e.issues).toHaveLength(1);
  });

  it.each<[string, (p: any) => void, RegExp]>([
    ['a misspelt priority', (p) => ((p.deadlines.REVIEW.ROUTNE = p.deadlines.REVIEW.ROUTINE), delete p.deadlines.REVIEW.ROUTINE), /deadlines\.REVIEW\.ROUTNE: unknown key/],
    ['a misspelt kind', (p) => (p.deadlines.REVEIW = {}), /deadlines\.REVEIW: unknown key/],
    ['an unknown top-level key', (p) => (p.reminder = []), /config\/x\.yaml: reminder: unknown key/],
    ['an unknown key in preservation', (p) => (p.preservation.maximum = 'P90D'), /preservation\.maximum: unknown key/],
    ['a zero duration', (p) => (p.deadlines.ACKNOWLEDGEMENT.EMERGENCY = 'PT0S'), /deadlines\.ACKNOWLEDGEMENT\.EMERGENCY: "PT0S" is not a positive/],
    ['zero business days', (p) => (p.deadlines.REVIEW.URGENT = { businessDays: 0 }), /deadlines\.REVIEW\.URGENT: \{"businessDays":0\} is not/],
    ['negative business days', (p) => (p.deadlines.REVIEW.URGENT = { businessDays: -2 }), /deadlines\.REVIEW\.URGENT:/],
    ['fractional business days', (p) => (p.deadlines.REVIEW.URGENT = { businessDays: 1.5 }), /deadlines\.REVIEW\.URGENT:/],
    ['a bare number', (p) => (p.deadlines.INFO_RESPONSE.ROUTINE = 30), /deadlines\.INFO_RESPONSE\.ROUTINE: 30 is not/],
    ['a malformed duration', (p) => (p.deadlines.EXECUTION.default.URGENT = '30 days'), /deadlines\.EXECUTION\.default\.URGENT: "30 days"/],
    ['businessDays with an extra key', (p) => (p.deadlines.REVIEW.ROUTINE = { businessDays: 5, hours: 2 }), /deadlines\.REVIEW\.ROUTINE:/],
    ['a missing EXECUTION.default', (p) => delete p.deadlines.EXECUTION.default, /deadlines\.EXECUTION\.default: missing/],
    ['a missing priority', (p) => delete p.deadlines.ACKNOWLEDGEMENT.URGENT, /deadlines\.ACKNOWLEDGEMENT\.URGENT: missing/],
    ['a missing priority under a request type', (p) => delete p.deadlines.EXECUTION.TRAFFIC_DATA.EMERGENCY, /deadlines\.EXECUTION\.TRAFFIC_DATA\.EMERGENCY: missing/],
    ['a missing kind', (p) => delete p.deadlines.PRESERVATION_CONFIRMATION, /deadlines\.PRESERVATION_CONFIRMATION: missing/],
    ['an unknown request type under EXECUTION', (p) => (p.deadlines.EXECUTION.SUBSCRIBER = p.deadlines.EXECUTION.default), /deadlines\.EXECUTION\.SUBSCRIBER: unknown key/],
    ['PRESERVATION under EXECUTION', (p) => (p.deadlines.EXECUTION.PRESERVATION = p.deadlines.EXECUTION.default), /deadlines\.EXECUTION\.PRESERVATION: unknown key \(PRESERVATION requests have no EXECUTION deadline\)/],
    ['PRESERVATION_EXPIRY under deadlines', (p) => (p.deadlines.PRESERVATION_EXPIRY = p.deadlines.REVIEW), /deadlines\.PRESERVATION_EXPIRY: unknown key/],
    ['a reminder fraction of 1', (p) => (p.reminders[0].atFraction = 1), /reminders\[0\]\.atFraction: 1 is not a fraction strictly between 0 and 1/],
    ['a reminder fraction of 0', (p) => (p.reminders[0].atFraction = 0), /reminders\[0\]\.atFraction: 0/],
    ['a negative "before"', (p) => (p.reminders[1].before = '-PT24H'), /reminders\[1\]\.before: "-PT24H" is not a positive ISO 8601 duration/],
    ['a reminder with both keys', (p) => (p.reminders[1] = { atFraction: 0.2, before: 'PT1H' }), /reminders\[1\]: .* must be exactly one of/],
    ['a reminder with an unknown key', (p) => (p.reminders[1] = { after: 'PT1H' }), /reminders\[1\]\.after: unknown key/],
    ['reminders that are not a list', (p) => (p.reminders = { atFraction: 0.5 }), /reminders: .* must be a list/],
    ['a level-2 fraction of 0', (p) => (p.escalation.level2AfterFraction = 0), /escalation\.level2AfterFraction: 0 is not a positive finite number/],
    ['a level-2 fraction as text', (p) => (p.escalation.level2AfterFraction = 'half'), /escalation\.level2AfterFraction: "half"/],
    ['a negative maxExtensions', (p) => (p.preservation.maxExtensions = -1), /preservation\.maxExtensions: -1 is not a non-negative integer/],
    ['a fractional maxExtensions', (p) => (p.preservation.maxExtensions = 1.5), /preservation\.maxExtensions: 1\.5/],
    ['business days in preservation', (p) => (p.preservation.extension = { businessDays: 5 }), /preservation\.extension: \{"businessDays":5\} is not a positive ISO 8601 duration$/m],
    ['a minimum longer than the maximum', (p) => (p.preservation.minimum = 'P120D'), /preservation\.minimum: P120D is longer than maximumPeriod P90D/],
    ['a missing section', (p) => delete p.escalation, /config\/x\.yaml: escalation: missing/],
    ['a lower-case country in an override', (p) => (p.overrides = [{ match: { requestingCountry: 'vn' }, deadlines: { REVIEW: { ROUTINE: 'P1D' } } }]), /overrides\[0\]\.match\.requestingCountry: "vn" is not an ISO 3166-1 alpha-2/],
    ['an unknown legal basis', (p) => (p.overrides = [{ match: { legalBasis: 'MLAT' }, deadlines: { REVIEW: { ROUTINE: 'P1D' } } }]), /overrides\[0\]\.match\.legalBasis: "MLAT" is not one of ASEAN_MLAT_2004/],
    ['an unknown match key', (p) => (p.overrides = [{ match: { country: 'VN' }, deadlines: { REVIEW: { ROUTINE: 'P1D' } } }]), /overrides\[0\]\.match\.country: unknown key/],
    ['an unknown priority in a match', (p) => (p.overrides = [{ match: { priority: 'HIGH' }, deadlines: { REVIEW: { ROUTINE: 'P1D' } } }]), /overrides\[0\]\.match\.priority: "HIGH"/],
    ['an override without match', (p) => (p.overrides = [{ deadlines: { REVIEW: { ROUTINE: 'P1D' } } }]), /overrides\[0\]\.match: missing/],
    ['an override that changes nothing', (p) => (p.overrides = [{ match: { requestingCountry: 'VN' } }]), /overrides\[0\]: an override must give deadlines or preservation/],
    ['a bad duration in an override', (p) => (p.overrides = [{ match: { requestingCountry: 'VN' }, deadlines: { EXECUTION: { TRAFFIC_DATA: { URGENT: 'P0D' } } } }]), /overrides\[0\]\.deadlines\.EXECUTION\.TRAFFIC_DATA\.URGENT: "P0D"/],
    ['a misspelt priority in an override', (p) => (p.overrides = [{ match: {}, deadlines: { REVIEW: { ROUTNE: 'P1D' } } }]), /overrides\[0\]\.deadlines\.REVIEW\.ROUTNE: unknown key/],
    ['an override preservation minimum over the base maximum', (p) => (p.overrides = [{ match: { requestedCountry: 'SG' }, preservation: { minimum: 'P100D' } }]), /overrides\[0\]\.preservation\.minimum: P100D is longer than maximumPeriod P90D once applied/],
    ['an override key that is not known', (p) => (p.overrides = [{ match: {}, deadline: {} }]), /overrides\[0\]\.deadline: unknown key/],
  ])('%s', (_name, change, expected) => {
    const e = errorOf(() => parseWith(change));
    expect(e.message).toMatch(expected);
    expect(e.message.startsWith('config/x.yaml: ')).toBe(true);
  });

  it('reports every problem at once', () => {
    const e = errorOf(() => loadDeadlinePolicy(join(FIXTURES, 'bad-typo.yaml')));
    expect(e.issues).toEqual([
      'deadlines.REVIEW.ROUTNE: unknown key (expected one of ROUTINE, URGENT, EMERGENCY)',
      'deadlines.REVIEW.ROUTINE: missing',
      'deadlines.ACKNOWLEDGEMENT.URGENT: "P-1D" is not a positive ISO 8601 duration or { businessDays: N }',
    ]);
    expect(e.message.split('\n')[0]).toBe(`${join(FIXTURES, 'bad-typo.yaml')}: deadlines.REVIEW.ROUTNE: unknown key (expected one of ROUTINE, URGENT, EMERGENCY)`);
  });

  it('an empty or missing file', () => {
    expect(() => loadDeadlinePolicy(join(FIXTURES, 'empty.yaml'))).toThrow(/empty\.yaml: the policy file is empty/);
    expect(() => parseDeadlinePolicy('# only a comment\n', 'p.yaml')).toThrow(/^p\.yaml: the policy is empty/);
    expect(() => loadDeadlinePolicy(join(FIXTURES, 'no-such-file.yaml'))).toThrow(/no-such-file\.yaml: cannot read the policy file \(ENOENT\)/);
  });

  it('not YAML, a duplicate key, not a mapping', () => {
    expect(() => parseDeadlinePolicy('deadlines: [', 'p.yaml')).toThrow(/^p\.yaml: not valid YAML/);
    expect(() => parseDeadlinePolicy('escalation: {}\nescalation: {}\n', 'p.yaml')).toThrow(/^p\.yaml: not valid YAML: .*[Mm]ap keys must be unique/);
    expect(() => parseDeadlinePolicy('- a\n- b\n', 'p.yaml')).toThrow(/^p\.yaml: the policy: .* must be a mapping/);
  });
});
