import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { toProblem } from './api/client';
import { fieldProblemText, problemTitle, showsDetail } from './problem-text';

const passwordTooShort = toProblem(400, {
  code: 'VALIDATION_FAILED',
  detail: 'password: password must be longer than or equal to 12 characters',
  errors: [{ field: 'password', message: 'password must be longer than or equal to 12 characters', rule: 'minLength' }],
});
const notFound = toProblem(404, { code: 'NOT_FOUND', detail: 'Request was not found' });

describe('problems in the user language, never the server sentence', () => {
  it.each([
    ['en', 'At least 12 characters', 'Some values are not accepted', 'Not found (or not visible to you)'],
    ['vi', 'Ít nhất 12 ký tự', 'Một số giá trị không hợp lệ', 'Không tìm thấy (hoặc bạn không được xem)'],
  ] as const)('%s', (lang, field, title, notFoundTitle) => {
    const t = i18n.getFixedT(lang);
    expect(fieldProblemText(passwordTooShort.errors[0]!, passwordTooShort.code, t)).toBe(field);
    expect(problemTitle(passwordTooShort, t)).toBe(title);
    expect(problemTitle(notFound, t)).toBe(notFoundTitle);
    expect(showsDetail(notFound, lang)).toBe(false);
    expect(showsDetail(passwordTooShort, lang)).toBe(false);
  });

  it('an unknown field and an unknown rule are worded by rule, else by code', () => {
    const t = i18n.getFixedT('vi');
    expect(fieldProblemText({ field: 'x', message: 'property x should not exist', rule: 'whitelistValidation' }, 'VALIDATION_FAILED', t)).toBe('Biểu mẫu không có trường này');
    expect(fieldProblemText({ field: 'x', message: 'whatever', rule: 'someNewRule' }, 'VALIDATION_FAILED', t)).toBe('Không hợp lệ');
    expect(fieldProblemText({ field: 'facts', message: 'is required' }, 'REQUEST_INCOMPLETE', t)).toBe('Bắt buộc');
  });

  it('a rule violation keeps its English detail for English readers only', () => {
    const rule = toProblem(422, { code: 'RULE_VIOLATED', detail: 'preservedUntil must be 60 to 90 days after today' });
    expect(showsDetail(rule, 'en')).toBe(true);
    expect(showsDetail(rule, 'vi')).toBe(false);
  });
});
