import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { canonicalZone, countryName, languageName, zoneLabel } from './names';
import { whoActsNext } from './who-acts';

const PROS = { id: 'p', code: 'VN-HCM-PROS', name: "People's Procuracy of Ho Chi Minh City", country: 'VN', timezone: 'Asia/Ho_Chi_Minh', reach: 'LOCAL' as const };
const SG = { id: 's', code: 'SG-CA', name: "Attorney-General's Chambers, Central Authority", country: 'SG', timezone: 'Asia/Singapore', reach: 'LOCAL' as const };
const at = (state: { ballHolder: 'REQUESTING' | 'REQUESTED' | null; ballHolderRole: 'PROSECUTOR' | 'OFFICER' | null }) => ({ ...state, requestingAuthority: PROS, requestedAuthority: SG });
const user = (role: string, id: string, country: string, kind: string) => ({ role, authority: { id, code: id, name: id, country, kind, timezone: 'UTC', language: 'en' } });

const vnOfficer = user('OFFICER', 'vnca', 'VN', 'CENTRAL_AUTHORITY');
const vnProsecutor = user('PROSECUTOR', 'p', 'VN', 'PROSECUTION_OFFICE');
const sgOfficer = user('OFFICER', 's', 'SG', 'CENTRAL_AUTHORITY');
const vnSupervisor = user('SUPERVISOR', 'vnca', 'VN', 'CENTRAL_AUTHORITY');

describe('who acts next, named as people see it', () => {
  const t = i18n.getFixedT('en');
  const vi = i18n.getFixedT('vi');
  it.each([
    ['a request in review, for the VN officer', at({ ballHolder: 'REQUESTING', ballHolderRole: 'OFFICER' }), vnOfficer, 'Central authority of Vietnam (you)', true],
    ['a request in review, for its prosecutor', at({ ballHolder: 'REQUESTING', ballHolderRole: 'OFFICER' }), vnProsecutor, 'Central authority of Vietnam', false],
    ['a request in review, for a supervisor', at({ ballHolder: 'REQUESTING', ballHolderRole: 'OFFICER' }), vnSupervisor, 'Central authority of Vietnam', false],
    ['a sent request, for the SG officer', at({ ballHolder: 'REQUESTED', ballHolderRole: 'OFFICER' }), sgOfficer, "Attorney-General's Chambers, Central Authority (Singapore) (you)", true],
    ['a sent request, for the VN officer', at({ ballHolder: 'REQUESTED', ballHolderRole: 'OFFICER' }), vnOfficer, "Attorney-General's Chambers, Central Authority (Singapore)", false],
    ['a draft, for its prosecutor', at({ ballHolder: 'REQUESTING', ballHolderRole: 'PROSECUTOR' }), vnProsecutor, "People's Procuracy of Ho Chi Minh City (Vietnam) (you)", true],
    ['information requested, for the SG officer', at({ ballHolder: 'REQUESTING', ballHolderRole: 'PROSECUTOR' }), sgOfficer, "People's Procuracy of Ho Chi Minh City (Vietnam)", false],
  ] as const)('%s', (_what, r, me, label, you) => {
    expect(whoActsNext(r, me, t, 'en')).toEqual({ label, you });
  });

  it('in Vietnamese', () => {
    expect(whoActsNext(at({ ballHolder: 'REQUESTING', ballHolderRole: 'OFFICER' }), vnOfficer, vi, 'vi')).toEqual({ label: 'Cơ quan trung ương Việt Nam (bạn)', you: true });
    expect(whoActsNext(at({ ballHolder: 'REQUESTED', ballHolderRole: 'OFFICER' }), vnOfficer, vi, 'vi')?.label).toBe("Attorney-General's Chambers, Central Authority (Singapore)");
  });

  it('names the authority as nameOf does (its name in the user\'s language), the central authority by its country', () => {
    const viNames: Record<string, string> = { s: 'Cơ quan trung ương, Văn phòng Tổng Chưởng lý Singapore' };
    const nameOf = (a: { id: string; name: string }) => viNames[a.id] ?? a.name;
    expect(whoActsNext(at({ ballHolder: 'REQUESTED', ballHolderRole: 'OFFICER' }), vnOfficer, vi, 'vi', nameOf)?.label).toBe('Cơ quan trung ương, Văn phòng Tổng Chưởng lý Singapore (Singapore)');
    expect(whoActsNext(at({ ballHolder: 'REQUESTED', ballHolderRole: 'OFFICER' }), sgOfficer, vi, 'vi', nameOf)).toEqual({ label: 'Cơ quan trung ương, Văn phòng Tổng Chưởng lý Singapore (Singapore) (bạn)', you: true });
    expect(whoActsNext(at({ ballHolder: 'REQUESTING', ballHolderRole: 'OFFICER' }), vnOfficer, vi, 'vi', nameOf)?.label).toBe('Cơ quan trung ương Việt Nam (bạn)');
  });

  it('nobody once finished', () => {
    expect(whoActsNext(at({ ballHolder: null, ballHolderRole: null }), vnOfficer, t, 'en')).toBeNull();
  });
});

describe('countries, languages and zones written out', () => {
  it('names a country and a language in the UI language', () => {
    expect(countryName('SG', 'en')).toBe('Singapore');
    expect(countryName('VN', 'vi')).toBe('Việt Nam');
    expect(languageName('en', 'vi')).toBe('Tiếng Anh');
    expect(languageName('vi', 'en')).toBe('Vietnamese');
  });

  it('names a zone once, by its canonical name', () => {
    expect(canonicalZone('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(canonicalZone('Asia/Singapore')).toBe('Asia/Singapore');
    expect(zoneLabel('Asia/Saigon', 'en', new Date('2026-12-06T00:00:00Z'))).toBe('Ho Chi Minh (GMT+7)');
  });
});
