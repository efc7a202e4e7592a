import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@/lib/api/client';
import { passwordProblem } from './ChangePasswordDialog';

describe('the problems of POST /me/password on their fields', () => {
  it('a wrong current password (403), the same password again (422), a short one (400)', () => {
    const wrong = new ApiProblem(403, 'FORBIDDEN', 'The current password is wrong', [{ field: 'currentPassword', message: 'is not your current password' }]);
    const same = new ApiProblem(422, 'RULE_VIOLATED', 'must differ', [{ field: 'newPassword', message: 'is the current password' }]);
    const short = new ApiProblem(400, 'VALIDATION_FAILED', 'bad', [{ field: 'newPassword', message: 'newPassword must be longer than or equal to 12 characters' }]);
    expect(passwordProblem(wrong, 'currentPassword')).toBe('wrongCurrent');
    expect(passwordProblem(wrong, 'newPassword')).toBeNull();
    expect(passwordProblem(same, 'newPassword')).toBe('sameAsCurrent');
    expect(passwordProblem(short, 'newPassword')).toBe('tooShort');
    expect(passwordProblem(new ApiProblem(429, 'RATE_LIMITED', 'wait'), 'currentPassword')).toBeNull();
    expect(passwordProblem(null, 'currentPassword')).toBeNull();
  });
});
