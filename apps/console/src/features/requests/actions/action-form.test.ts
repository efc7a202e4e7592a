import { describe, expect, it } from 'vitest';
import { actionSchema } from './action-form';

const fields = [{ name: 'preservedUntil', required: true, type: 'string', format: 'date' }];
const rule = { preservedUntil: { min: '2027-02-01', max: '2027-03-02', message: 'Between 1 Feb 2027 and 2 Mar 2027 (60 to 90 days from today, Singapore (GMT+8)).' } };

describe('a preservation date against the window the API answered', () => {
  it('outside the window: kept, and the window named (not "Required")', () => {
    const result = actionSchema(fields, 'Required', rule).safeParse({ preservedUntil: '2027-06-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([rule.preservedUntil.message]);
  });

  it('inside it, accepted; blank, required', () => {
    expect(actionSchema(fields, 'Required', rule).safeParse({ preservedUntil: '2027-02-15' }).success).toBe(true);
    expect(actionSchema(fields, 'Required', rule).safeParse({ preservedUntil: '' }).error?.issues.map((i) => i.message)).toEqual(['Required']);
  });
});
