import { missingForSubmit, DraftContent } from './request-content';

const complete: DraftContent = {
  type: 'SUBSCRIBER_INFO',
  legalBasis: 'ASEAN_MLAT_2004',
  title: 'Subscriber of account X',
  offence: { description: 'Online fraud', provision: 'Penal Code art. 174' },
  facts: 'Victims paid after messages.',
  measures: ['Produce subscriber information'],
  identifiers: [{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedAt: '2026-11-01T10:00:00+07:00' }],
};

describe('missingForSubmit (DESIGN §4)', () => {
  it('accepts a complete draft', () => {
    expect(missingForSubmit(complete)).toEqual([]);
  });

  it('names every missing field at once', () => {
    expect(missingForSubmit({ type: 'TRAFFIC_DATA', legalBasis: 'RECIPROCITY' })).toEqual([
      'title',
      'offence.description',
      'offence.provision',
      'facts',
      'measures',
      'identifiers',
    ]);
  });

  it('treats blank strings and blank measures as missing', () => {
    expect(missingForSubmit({ ...complete, title: '   ', measures: ['  '], offence: { description: '', provision: 'x' } })).toEqual([
      'title',
      'offence.description',
      'measures',
    ]);
  });

  it('needs the treaty name for a bilateral treaty', () => {
    expect(missingForSubmit({ ...complete, legalBasis: 'BILATERAL_TREATY' })).toEqual(['treatyName']);
    expect(missingForSubmit({ ...complete, legalBasis: 'BILATERAL_TREATY', treatyName: 'VN–SG MLA Treaty' })).toEqual([]);
  });

  it('needs no identifier for a witness statement', () => {
    expect(missingForSubmit({ ...complete, type: 'WITNESS_STATEMENT', identifiers: [] })).toEqual([]);
    expect(missingForSubmit({ ...complete, type: 'OTHER', identifiers: [] })).toEqual(['identifiers']);
  });

  it('needs a zoned timestamp for every IP address', () => {
    const identifiers = [
      { kind: 'EMAIL' as const, value: 'a@example.com' },
      { kind: 'IP_ADDRESS' as const, value: '203.0.113.7' },
      { kind: 'IP_ADDRESS' as const, value: '203.0.113.8', observedAt: '2026-11-01T10:00:00' },
      { kind: 'IP_ADDRESS' as const, value: '2001:db8::1', observedAt: '2026-11-01T03:00:00Z' },
    ];
    expect(missingForSubmit({ ...complete, identifiers })).toEqual(['identifiers[1].observedAt', 'identifiers[2].observedAt']);
  });
});
