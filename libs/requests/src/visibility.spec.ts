import type { Principal } from '@mla/identity';
import { canSee, sideOf, VisibilityFacts } from './visibility';

const VN_PROS = 'a-vn-pros';
const VN_CA = 'a-vn-ca';
const SG_CA = 'a-sg-ca';
const SG_247 = 'a-sg-247';

const who = (role: Principal['role'], authorityId: string | null, country: string | null): Principal => ({
  userId: 'u',
  email: 'x@example.org',
  role,
  authorityId,
  authorityCode: null,
  country,
});

const request = (stage: 'draft' | 'submitted' | 'sent'): VisibilityFacts => ({
  requestingAuthorityId: VN_PROS,
  requestedAuthorityId: SG_CA,
  requestingCountry: 'VN',
  requestedCountry: 'SG',
  submittedAt: stage === 'draft' ? null : new Date(),
  sentAt: stage === 'sent' ? new Date() : null,
});

describe('visibility (DESIGN §2)', () => {
  const cases: [string, Principal, boolean, boolean, boolean][] = [
    // who, principal, sees draft, sees submitted, sees sent
    ['the prosecutor of the requesting authority', who('PROSECUTOR', VN_PROS, 'VN'), true, true, true],
    ['another prosecution office of the same country', who('PROSECUTOR', 'a-vn-hanoi', 'VN'), false, false, false],
    ['a home officer', who('OFFICER', VN_CA, 'VN'), false, true, true],
    ['the requested authority officer', who('OFFICER', SG_CA, 'SG'), false, false, true],
    ["another authority's officer of the requested country", who('OFFICER', SG_247, 'SG'), false, false, false],
    ['a supervisor of the requesting country', who('SUPERVISOR', VN_CA, 'VN'), true, true, true],
    ['a supervisor of the requested country', who('SUPERVISOR', SG_CA, 'SG'), false, false, true],
    ['a third country supervisor', who('SUPERVISOR', 'a-th-ca', 'TH'), false, false, false],
    ['a third country officer', who('OFFICER', 'a-th-ca', 'TH'), false, false, false],
    ['an admin', who('ADMIN', null, null), false, false, false],
  ];
  it.each(cases)('%s', (_name, p, draft, submitted, sent) => {
    expect([canSee(p, request('draft')), canSee(p, request('submitted')), canSee(p, request('sent'))]).toEqual([draft, submitted, sent]);
  });

  it('tells the side of the caller', () => {
    expect(sideOf(who('OFFICER', VN_CA, 'VN'), request('sent'))).toBe('REQUESTING');
    expect(sideOf(who('OFFICER', SG_CA, 'SG'), request('sent'))).toBe('REQUESTED');
    expect(sideOf(who('SUPERVISOR', 'x', 'TH'), request('sent'))).toBeNull();
    expect(sideOf(who('ADMIN', null, null), request('sent'))).toBeNull();
  });
});
