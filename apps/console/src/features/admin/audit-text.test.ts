import { describe, expect, it } from 'vitest';
import { actionKey, changeLines, targetLabel } from './audit-text';

const user = { email: 'a@sg.example', displayName: 'A', role: 'OFFICER', authorityId: 'x', authorityCode: 'SG-CA', country: 'SG', active: true };

describe('an audit entry in words', () => {
  it('shows a user’s change as before → after, the authority by its code, a password only as set', () => {
    const lines = changeLines({ changes: ['active', 'authorityId', 'password'], before: user, after: { ...user, active: false, authorityId: 'y', authorityCode: 'SG-247' } });
    expect(lines).toEqual([
      { field: 'active', before: 'true', after: 'false' },
      { field: 'authorityId', before: 'SG-CA', after: 'SG-247' },
      { field: 'password', secret: true },
    ]);
  });

  it('shows a creation without a before, and a calendar’s lists by their length', () => {
    expect(changeLines({ changes: ['email'], before: null, after: user })).toEqual([{ field: 'email', after: 'a@sg.example' }]);
    expect(changeLines({ changes: ['authorityId', 'authorityCode', 'country'], before: null, after: user }).map((l) => l.field)).toEqual(['authorityId', 'country']);
    expect(changeLines({ changes: ['nonWorkingDays'], before: { nonWorkingDays: [1, 2] }, after: { nonWorkingDays: [1, 2, 3] } })).toEqual([{ field: 'nonWorkingDays', count: { before: 2, after: 3 } }]);
    expect(changeLines({ changes: ['nonWorkingDays'], before: null, after: { nonWorkingDays: [1] } })).toEqual([{ field: 'nonWorkingDays', count: { before: null, after: 1 } }]);
  });

  it('names the target by e-mail, code, or country and year', () => {
    expect(targetLabel({ targetType: 'USER', targetId: 'id', before: null, after: user })).toBe('a@sg.example');
    expect(targetLabel({ targetType: 'AUTHORITY', targetId: 'id', before: null, after: { code: 'SG-CA' } })).toBe('SG-CA');
    expect(targetLabel({ targetType: 'WORKING_CALENDAR', targetId: 'id', before: null, after: { country: 'VN', year: 2031 } })).toBe('VN 2031');
    expect(targetLabel({ targetType: 'USER', targetId: 'id', before: null, after: null })).toBe('id');
    expect(actionKey('calendar.year_set')).toBe('auditAction.calendar_year_set');
  });
});
