import { beforeEach, describe, expect, it } from 'vitest';
import { languageForUser, rememberLanguage } from './index';

describe('the console’s language', () => {
  beforeEach(() => localStorage.clear());

  it('follows the user’s authority until they choose, then remembers their choice (never a token)', () => {
    expect(languageForUser('u1', 'vi')).toBe('vi');
    rememberLanguage('en', 'u1');
    expect(languageForUser('u1', 'vi')).toBe('en');
    expect(languageForUser('u2', 'vi')).toBe('vi');
    expect(Object.keys(localStorage).sort()).toEqual(['mla.language', 'mla.language:u1']);
  });

  it('makes a choice on the sign-in page the user’s own once signed in', () => {
    rememberLanguage('en');
    expect(languageForUser('u3', 'vi')).toBe('en');
    expect(languageForUser('u3', 'vi')).toBe('en');
  });
});
