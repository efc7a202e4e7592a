import { describe, expect, it } from 'vitest';
import { addMessages, i18n } from '@/lib/i18n';
import { followUpLanguage, followUpTexts } from './follow-up';
import { writerMessages } from './i18n';

addMessages('writer', writerMessages);

describe('the follow-up’s pre-filled texts', () => {
  it('are in the preservation’s language when the requested country accepts it, else in the country’s first language', () => {
    expect(followUpLanguage('vi', ['en'])).toBe('en');
    expect(followUpLanguage('en', ['en'])).toBe('en');
    expect(followUpLanguage('vi', ['vi', 'en'])).toBe('vi');
    expect(followUpLanguage('vi', undefined)).toBe('vi');
  });

  it('read the same in either console language: English to Singapore, Vietnamese to Viet Nam', async () => {
    const preservation = { reference: 'VN-2026-000003', title: 'Preserve the account’s data' };
    for (const consoleLanguage of ['vi', 'en']) {
      await i18n.changeLanguage(consoleLanguage);
      expect(followUpTexts(i18n.getFixedT('en', 'writer'), preservation)).toEqual({
        title: 'Follow-up to VN-2026-000003: Preserve the account’s data',
        measure: 'Produce the data preserved under preservation request VN-2026-000003',
      });
      expect(followUpTexts(i18n.getFixedT('vi', 'writer'), preservation)).toEqual({
        title: 'Tiếp theo yêu cầu bảo quản VN-2026-000003: Preserve the account’s data',
        measure: 'Cung cấp dữ liệu đã được bảo quản theo yêu cầu bảo quản VN-2026-000003',
      });
    }
  });
});
