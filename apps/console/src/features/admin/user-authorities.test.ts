import { describe, expect, it } from 'vitest';
import type { Authority } from '@/lib/api/client';
import { authoritiesFor } from './components/UserDialogs';

const authority = (code: string, kind: Authority['kind'], reach: Authority['reach']) => ({ id: code, code, name: code, kind, reach }) as unknown as Authority;

describe('the authorities a user may belong to', () => {
  const all = [
    authority('VN-CA', 'CENTRAL_AUTHORITY', 'LOCAL'),
    authority('VN-HCM-PROS', 'PROSECUTION_OFFICE', 'LOCAL'),
    authority('US-OIA', 'CENTRAL_AUTHORITY', 'OFFLINE'),
    authority('SG-CA', 'CENTRAL_AUTHORITY', 'PEER'),
  ];

  it('offers only this node’s own (LOCAL) authorities of the kinds the role belongs to', () => {
    expect(authoritiesFor('OFFICER', all).map((o) => o.value)).toEqual(['VN-CA']);
    expect(authoritiesFor('PROSECUTOR', all).map((o) => o.value)).toEqual(['VN-HCM-PROS']);
    expect(authoritiesFor('ADMIN', all)).toEqual([]);
  });
});
