import { describe, expect, it } from 'vitest';
import { accountChangeKind, accountOf, opensAccess } from './account-changes';

const officer = { email: 'o@vn.example', role: 'OFFICER', authorityCode: 'VN-CA', active: true };

describe('account changes as a supervisor reads them', () => {
  it('names each kind of change, the weightiest first', () => {
    expect(accountChangeKind({ action: 'user.created', changes: ['email', 'role'], before: null, after: officer })).toBe('created');
    expect(accountChangeKind({ action: 'user.created', changes: ['email', 'role'], before: null, after: { ...officer, role: 'ADMIN', authorityCode: null } })).toBe('adminGranted');
    expect(accountChangeKind({ action: 'user.updated', changes: ['role', 'authorityId'], before: officer, after: { ...officer, role: 'ADMIN' } })).toBe('adminGranted');
    expect(accountChangeKind({ action: 'user.updated', changes: ['active'], before: officer, after: { ...officer, active: false } })).toBe('deactivated');
    expect(accountChangeKind({ action: 'user.updated', changes: ['active'], before: { ...officer, active: false }, after: officer })).toBe('reactivated');
    expect(accountChangeKind({ action: 'user.updated', changes: ['role'], before: officer, after: { ...officer, role: 'SUPERVISOR' } })).toBe('roleChanged');
    expect(accountChangeKind({ action: 'user.updated', changes: ['authorityId'], before: officer, after: { ...officer, authorityCode: 'VN-247' } })).toBe('moved');
    expect(accountChangeKind({ action: 'user.updated', changes: ['password'], before: officer, after: officer })).toBe('passwordReset');
    expect(accountChangeKind({ action: 'user.updated', changes: ['secondFactor'], before: officer, after: officer })).toBe('secondFactorReset');
  });

  it('says which changes open a way to content, and whose account it is', () => {
    expect(opensAccess('passwordReset')).toBe(true);
    expect(opensAccess('adminGranted')).toBe(true);
    expect(opensAccess('deactivated')).toBe(false);
    expect(accountOf({ before: null, after: officer })).toEqual({ email: 'o@vn.example', role: 'OFFICER', authorityCode: 'VN-CA' });
    expect(accountOf({ before: officer, after: null })).toEqual({ email: 'o@vn.example', role: 'OFFICER', authorityCode: 'VN-CA' });
  });
});
