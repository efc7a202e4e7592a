import { DEMO_AUTHORITIES, DEMO_USERS, demoSeedFor } from './demo-data';

describe('demoSeedFor (the demo seed of a node, DESIGN §15)', () => {
  it('is the whole demo in the single-node mode', () => {
    expect(demoSeedFor(null)).toEqual({ authorities: DEMO_AUTHORITIES, users: DEMO_USERS });
  });

  it('keeps a node’s own countries as LOCAL, the OFFLINE counterparts of other countries, their people and the admin', () => {
    const vn = demoSeedFor(['VN']);
    expect(vn.authorities.map((a) => `${a.code}:${a.reach ?? 'LOCAL'}`)).toEqual(['VN-HCM-PROS:LOCAL', 'VN-CA:LOCAL', 'US-OIA:OFFLINE', 'KR-MOJ:OFFLINE']);
    expect(vn.users.map((u) => u.email)).toEqual(['prosecutor@vn.example', 'officer@vn.example', 'supervisor@vn.example', 'admin@example.org']);
    const sg = demoSeedFor(['SG']);
    expect(sg.authorities.map((a) => a.code)).toEqual(['SG-PROS', 'SG-CA', 'US-OIA', 'KR-MOJ', 'SG-247']);
    expect(sg.users.map((u) => u.email)).toEqual(['prosecutor@sg.example', 'officer@sg.example', 'supervisor@sg.example', 'admin@example.org']);
  });

  it('never seeds an OFFLINE counterpart of a country the node serves (its authorities are LOCAL there)', () => {
    expect(demoSeedFor(['US']).authorities.map((a) => a.code)).toEqual(['KR-MOJ']);
  });
});
