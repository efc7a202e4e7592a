import { describe, expect, it } from 'vitest';
import type { Authority } from '@/lib/api/client';
import { byCountry, countryName, createBody, entrySchema, entryValues, searchDirectory, updateBody } from './directory';

const authority = (over: Partial<Authority>): Authority =>
  ({
    id: 'x', code: 'US-OIA', name: 'Office of International Affairs', country: 'US', kind: 'CENTRAL_AUTHORITY', timezone: 'America/New_York', language: 'en', reach: 'OFFLINE',
    names: { en: 'Office of International Affairs', vi: 'Văn phòng Các vấn đề Quốc tế' }, webhookUrl: null, address: null, email: null, languages: ['en'], channels: ['EMAIL'],
    source: 'https://www.justice.gov/criminal-oia', lastVerified: '2026-12-06', retiredAt: null, ...over,
  }) as Authority;

const oia = authority({});
const kr = authority({ id: 'k', code: 'KR-MOJ', country: 'KR', name: 'Ministry of Justice', names: { en: 'Ministry of Justice', vi: 'Bộ Tư pháp Đại Hàn Dân Quốc' } });
const sg = authority({ id: 's', code: 'SG-CA', country: 'SG', name: "Attorney-General's Chambers", names: { en: "Attorney-General's Chambers" }, reach: 'LOCAL' });

describe('the directory screen', () => {
  it('writes country names out in the reader’s language', () => {
    expect(countryName('KR', 'en')).toBe('South Korea');
    expect(countryName('US', 'vi')).toBe('Hoa Kỳ');
  });

  it('finds entries by country code or name (either language), by name in any language, by code; accents ignored', () => {
    const all = [oia, kr, sg];
    expect(searchDirectory(all, 'kr').map((a) => a.code)).toEqual(['KR-MOJ']);
    expect(searchDirectory(all, 'Hàn Quốc').map((a) => a.code)).toEqual(['KR-MOJ']);
    expect(searchDirectory(all, 'singapore').map((a) => a.code)).toEqual(['SG-CA']);
    expect(searchDirectory(all, 'van phong quoc te').map((a) => a.code)).toEqual(['US-OIA']);
    expect(searchDirectory(all, 'us-oia').map((a) => a.code)).toEqual(['US-OIA']);
    expect(searchDirectory(all, 'nothing here')).toEqual([]);
    expect(searchDirectory(all, '  ')).toHaveLength(3);
  });

  it('orders entries by country name in the reader’s language', () => {
    expect(byCountry([oia, sg, kr], 'en').map((a) => a.country)).toEqual(['SG', 'KR', 'US']);
  });

  it('checks an entry as the API does, naming each bad field', () => {
    const schema = entrySchema('2026-12-10');
    const good = { ...entryValues(oia), lastVerified: '2026-12-10' };
    expect(schema.safeParse(good).success).toBe(true);
    const bad = schema.safeParse({ ...good, code: 'us oia', email: 'oia at doj', languages: 'english', source: 'web', lastVerified: '2026-12-11', timezone: 'Eastern' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['code', 'directory.errors.code'], ['timezone', 'directory.errors.timezone'], ['languages', 'directory.errors.languages'],
      ['email', 'directory.errors.email'], ['source', 'directory.errors.source'], ['lastVerified', 'directory.errors.lastVerified'],
    ]);
  });

  it('adds an entry as an OFFLINE authority, leaving out what is not given', () => {
    const body = createBody({ ...entryValues(null), code: 'NZ-CA', country: 'NZ', nameEn: 'Crown Law', timezone: 'Pacific/Auckland', languages: 'en, mi', source: 'Mutual Assistance in Criminal Matters Act 1992' });
    expect(body).toEqual({
      code: 'NZ-CA', country: 'NZ', kind: 'CENTRAL_AUTHORITY', name: 'Crown Law', names: { en: 'Crown Law' }, timezone: 'Pacific/Auckland', language: 'en', languages: ['en', 'mi'],
      reach: 'OFFLINE', channels: [], source: 'Mutual Assistance in Criminal Matters Act 1992',
    });
  });

  it('sends only what an edit changed, clearing an emptied e-mail', () => {
    const withMail = authority({ email: 'oia@example.gov' });
    expect(updateBody(withMail, entryValues(withMail))).toBeNull();
    expect(updateBody(withMail, { ...entryValues(withMail), email: '', channels: ['EMAIL', 'DIPLOMATIC'], nameVi: 'Văn phòng OIA' })).toEqual({
      email: null, channels: ['EMAIL', 'DIPLOMATIC'], name: 'Office of International Affairs', names: { en: 'Office of International Affairs', vi: 'Văn phòng OIA' },
    });
  });
});
