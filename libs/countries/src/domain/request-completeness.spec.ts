import { loadCountryRequirements } from './country-requirements.loader';
import { allowedChannels, checkCountryRequirements, requiredDetailsFor, type RequestContent } from './request-completeness';

const countries = loadCountryRequirements('config/countries.yaml');
const SG = countries.get('SG');
const VN = countries.get('VN');
const US = countries.get('US');

/** A request from Viet Nam, written in Vietnamese, with everything Singapore asks for. */
const toSingapore: RequestContent = {
  type: 'SUBSCRIBER_INFO',
  priority: 'ROUTINE',
  channel: 'CENTRAL_AUTHORITY',
  legalBasis: 'ASEAN_MLAT_2004',
  language: 'vi',
  details: {
    criminalMatterCertificate: 'Certified by the Supreme People’s Procuracy, 3 March 2026',
    maximumPenalty: '20 years’ imprisonment (Penal Code art. 174(4))',
    offenceMeasureLink: 'The account received the proceeds of the fraud on 2 March 2026',
  },
  attachments: [{ kind: 'TRANSLATION', language: 'en' }],
};

const fields = (request: RequestContent, country = SG) => checkCountryRequirements(country, request).map((m) => m.field);

describe('checkCountryRequirements', () => {
  it('finds nothing missing in a complete request', () => {
    expect(checkCountryRequirements(SG, toSingapore)).toEqual([]);
  });

  it('adds no requirement for a country it does not know, nor for one whose facts are unknown', () => {
    expect(checkCountryRequirements(undefined, { ...toSingapore, details: {}, attachments: [], channel: 'DIRECT' })).toEqual([]);
    expect(checkCountryRequirements(countries.get('KR'), { ...toSingapore, details: {}, attachments: [], channel: 'DIRECT' })).toEqual([]);
  });

  describe('Singapore', () => {
    it('wants an English translation of a request written in Vietnamese, naming the rule', () => {
      expect(checkCountryRequirements(SG, { ...toSingapore, attachments: [] })).toEqual([
        {
          field: 'attachments',
          message: 'Singapore requires a translation of a request written in "vi": attach a TRANSLATION in en',
          source: expect.stringContaining('ASEAN MLAT 2004 art. 5'),
        },
      ]);
      // A translation into another language, or another kind of document in English, does not do.
      expect(fields({ ...toSingapore, attachments: [{ kind: 'TRANSLATION', language: 'fr' }, { kind: 'COURT_ORDER', language: 'en' }] })).toEqual(['attachments']);
    });

    it('needs no translation of a request written in English', () => {
      expect(checkCountryRequirements(SG, { ...toSingapore, language: 'en', attachments: [] })).toEqual([]);
    });

    it('accepts only the central authority channel (MACMA s. 19(1))', () => {
      expect(checkCountryRequirements(SG, { ...toSingapore, channel: 'NETWORK_24_7' })).toEqual([
        { field: 'channel', message: 'Singapore accepts requests through CENTRAL_AUTHORITY, not NETWORK_24_7', source: expect.stringContaining('s. 19(1)') },
      ]);
    });

    it('is not a Party to the Budapest Convention', () => {
      expect(checkCountryRequirements(SG, { ...toSingapore, legalBasis: 'BUDAPEST_CONVENTION' })).toEqual([
        {
          field: 'legalBasis',
          message: 'Singapore accepts requests under ASEAN_MLAT_2004, BILATERAL_TREATY, RECIPROCITY, not BUDAPEST_CONVENTION',
          source: expect.stringContaining('s. 16'),
        },
      ]);
    });

    it('wants the certificate and the maximum penalty of every request', () => {
      const missing = checkCountryRequirements(SG, { ...toSingapore, type: 'WITNESS_STATEMENT', details: { maximumPenalty: '  ' } });
      expect(missing).toEqual([
        { field: 'details.criminalMatterCertificate', message: expect.stringMatching(/^Certificate .*: required by Singapore$/), source: expect.stringContaining('s. 19(2)(c)(i)') },
        { field: 'details.maximumPenalty', message: 'Maximum penalty of the offence: required by Singapore', source: expect.stringContaining('s. 19(2)(c)(iv)') },
      ]);
    });

    it('wants the link between the offence and the data for a production of data, not for a witness statement', () => {
      const details = { ...toSingapore.details, offenceMeasureLink: '' };
      for (const type of ['SUBSCRIBER_INFO', 'TRAFFIC_DATA', 'CONTENT_DATA'] as const) {
        expect(checkCountryRequirements(SG, { ...toSingapore, type, details })).toEqual([
          { field: 'details.offenceMeasureLink', message: expect.stringContaining('required by Singapore'), source: expect.stringContaining('s. 22(4)') },
        ]);
      }
      expect(fields({ ...toSingapore, type: 'WITNESS_STATEMENT', details })).toEqual([]);
    });

    it('wants an undertaking of reciprocity only when the request relies on reciprocity', () => {
      expect(fields({ ...toSingapore, legalBasis: 'RECIPROCITY' })).toEqual(['details.reciprocityUndertaking']);
      expect(fields({ ...toSingapore, legalBasis: 'RECIPROCITY', details: { ...toSingapore.details, reciprocityUndertaking: 'Viet Nam undertakes…' } })).toEqual([]);
    });

    it('lists every missing item at once', () => {
      expect(fields({ ...toSingapore, channel: 'DIRECT', legalBasis: 'RECIPROCITY', details: {}, attachments: [] })).toEqual([
        'attachments',
        'channel',
        'details.criminalMatterCertificate',
        'details.maximumPenalty',
        'details.offenceMeasureLink',
        'details.reciprocityUndertaking',
      ]);
    });
  });

  describe('Viet Nam', () => {
    const fromSingapore: RequestContent = { type: 'TRAFFIC_DATA', priority: 'ROUTINE', channel: 'CENTRAL_AUTHORITY', legalBasis: 'ASEAN_MLAT_2004', language: 'en', details: {}, attachments: [] };

    it('accepts a request in English or Vietnamese without translation', () => {
      expect(checkCountryRequirements(VN, fromSingapore)).toEqual([]);
      expect(checkCountryRequirements(VN, { ...fromSingapore, language: 'vi' })).toEqual([]);
    });

    it('wants a translation into Vietnamese or English of a request in another language', () => {
      expect(fields({ ...fromSingapore, language: 'ms' }, VN)).toEqual(['attachments']);
      expect(fields({ ...fromSingapore, language: 'ms', attachments: [{ kind: 'TRANSLATION', language: 'vi' }] }, VN)).toEqual([]);
    });

    it('does not accept the Budapest Convention as a basis', () => {
      expect(fields({ ...fromSingapore, legalBasis: 'BUDAPEST_CONVENTION' }, VN)).toEqual(['legalBasis']);
    });
  });

  describe('a Budapest Party (United States)', () => {
    const preservation: RequestContent = { type: 'PRESERVATION', priority: 'URGENT', channel: 'NETWORK_24_7', legalBasis: 'BUDAPEST_CONVENTION', language: 'en', details: {}, attachments: [] };

    it('wants the items of art. 29(2)(c)-(e) for a preservation under the Convention', () => {
      expect(checkCountryRequirements(US, preservation)).toEqual([
        { field: 'details.preservationDataRelationship', message: expect.stringContaining('required by United States'), source: 'Budapest Convention (CETS No. 185) art. 29(2)(c)' },
        { field: 'details.custodianOrLocation', message: expect.any(String), source: 'Budapest Convention (CETS No. 185) art. 29(2)(d)' },
        { field: 'details.preservationNecessity', message: expect.any(String), source: 'Budapest Convention (CETS No. 185) art. 29(2)(e)' },
      ]);
    });

    it('does not want them for another type or another basis, and knows nothing of its languages', () => {
      expect(checkCountryRequirements(US, { ...preservation, type: 'SUBSCRIBER_INFO', channel: 'CENTRAL_AUTHORITY' })).toEqual([]);
      expect(checkCountryRequirements(US, { ...preservation, legalBasis: 'RECIPROCITY', channel: 'CENTRAL_AUTHORITY', language: 'vi' })).toEqual([]);
    });

    it('accepts the central authority and the 24/7 network, not a direct channel', () => {
      expect(fields({ ...preservation, type: 'OTHER', channel: 'DIRECT' }, US)).toEqual(['channel']);
    });
  });

  describe('channel rules by measure and legal basis (DESIGN §14)', () => {
    const PH = countries.get('PH');
    const production: RequestContent = { type: 'SUBSCRIBER_INFO', priority: 'ROUTINE', channel: 'NETWORK_24_7', legalBasis: 'BUDAPEST_CONVENTION', language: 'en', details: {}, attachments: [] };

    it('lets a preservation, or an emergency, under the Convention through the 24/7 network', () => {
      const details = { preservationDataRelationship: 'x', custodianOrLocation: 'y', preservationNecessity: 'z' };
      expect(checkCountryRequirements(PH, { ...production, type: 'PRESERVATION', priority: 'URGENT', details })).toEqual([]);
      expect(checkCountryRequirements(US, { ...production, priority: 'EMERGENCY' })).toEqual([]);
    });

    it('refuses a production through the 24/7 network, naming channel, the central authority instead and the rules’ sources', () => {
      const [refusal, ...rest] = checkCountryRequirements(PH, production);
      expect(rest).toEqual([]);
      expect(refusal?.field).toBe('channel');
      expect(refusal?.message).toMatch(/^Philippines takes requests through NETWORK_24_7 only for type PRESERVATION, legal basis BUDAPEST_CONVENTION; or priority EMERGENCY, legal basis BUDAPEST_CONVENTION, not SUBSCRIBER_INFO \(ROUTINE, BUDAPEST_CONVENTION\); use CENTRAL_AUTHORITY \(source: Budapest Convention/);
      expect(refusal?.source).toContain('art. 29');
      expect(refusal?.source).toContain('art. 35(1)(c)');
      expect(fields({ ...production, channel: 'CENTRAL_AUTHORITY' }, PH)).toEqual([]);
    });

    it('refuses a preservation through the 24/7 network under another basis than the Convention', () => {
      expect(fields({ ...production, type: 'PRESERVATION', legalBasis: 'ASEAN_MLAT_2004' }, PH)).toEqual(['channel']);
    });

    it('keeps Singapore to its central authority: no sourced 24/7 rule', () => {
      expect(fields({ ...toSingapore, type: 'PRESERVATION', priority: 'EMERGENCY', channel: 'NETWORK_24_7' })).toEqual(['channel']);
    });

    it('answers the channels a request may take, for a form', () => {
      expect(allowedChannels(PH, { type: 'PRESERVATION', priority: 'URGENT', legalBasis: 'BUDAPEST_CONVENTION' })).toEqual(['CENTRAL_AUTHORITY', 'NETWORK_24_7']);
      expect(allowedChannels(PH, { type: 'CONTENT_DATA', priority: 'ROUTINE', legalBasis: 'BUDAPEST_CONVENTION' })).toEqual(['CENTRAL_AUTHORITY']);
      expect(allowedChannels(SG, { type: 'PRESERVATION', priority: 'EMERGENCY', legalBasis: 'RECIPROCITY' })).toEqual(['CENTRAL_AUTHORITY']);
      expect(allowedChannels(countries.get('KR'), { type: 'PRESERVATION', priority: 'EMERGENCY', legalBasis: 'RECIPROCITY' })).toBeUndefined();
    });
  });

  it('answers a language rule from the file when translationRequired is unknown or false', () => {
    const base = { code: 'ZZ', name: 'Testland', languages: ['en'], requiredDetails: [], sources: { languages: 'Testland Act s. 1' } };
    const request = { ...toSingapore, attachments: [] };
    expect(checkCountryRequirements(base, request)).toEqual([
      { field: 'language', message: 'Testland accepts requests in en, not "vi": write it in one of them or attach a TRANSLATION', source: 'Testland Act s. 1' },
    ]);
    expect(checkCountryRequirements(base, { ...request, attachments: [{ kind: 'TRANSLATION', language: 'en' }] })).toEqual([]);
    expect(checkCountryRequirements({ ...base, translationRequired: false, sources: { ...base.sources, translationRequired: 'Testland Act s. 2' } }, request)).toEqual([]);
  });
});

describe('requiredDetailsFor', () => {
  it('lists the extra fields of a request of a given type and basis (for a form)', () => {
    expect(requiredDetailsFor(SG, 'CONTENT_DATA', 'RECIPROCITY').map((d) => d.key)).toEqual(['criminalMatterCertificate', 'maximumPenalty', 'offenceMeasureLink', 'reciprocityUndertaking']);
    expect(requiredDetailsFor(SG, 'WITNESS_STATEMENT', 'ASEAN_MLAT_2004').map((d) => d.key)).toEqual(['criminalMatterCertificate', 'maximumPenalty']);
    expect(requiredDetailsFor(undefined, 'OTHER', 'RECIPROCITY')).toEqual([]);
  });
});
