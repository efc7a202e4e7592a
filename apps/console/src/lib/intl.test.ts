import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration } from './format';
import { dateTimeFormat, displayNames, numberFormat } from './intl';
import { countryName } from './names';

describe('Intl formatters', () => {
  it('are built once per locale and options, and a list formats with them without building more', () => {
    const options = { dateStyle: 'medium', timeZone: 'Asia/Singapore' } as const;
    expect(dateTimeFormat('en-GB', { ...options })).toBe(dateTimeFormat('en-GB', { ...options }));
    expect(dateTimeFormat('vi-VN', options)).not.toBe(dateTimeFormat('en-GB', options));
    expect(dateTimeFormat('en-GB', { ...options, timeZone: 'UTC' })).not.toBe(dateTimeFormat('en-GB', options));
    expect(numberFormat('en-GB', { maximumFractionDigits: 1 })).toBe(numberFormat('en-GB', { maximumFractionDigits: 1 }));
    expect(displayNames('vi-VN', { type: 'region' })).toBe(displayNames('vi-VN', { type: 'region' }));

    const built = { DateTimeFormat: 0, NumberFormat: 0, DisplayNames: 0 };
    const originals = { DateTimeFormat: Intl.DateTimeFormat, NumberFormat: Intl.NumberFormat, DisplayNames: Intl.DisplayNames };
    for (const name of Object.keys(built) as (keyof typeof built)[]) {
      const Original = originals[name] as unknown as new (...a: unknown[]) => object;
      (Intl as unknown as Record<string, unknown>)[name] = Object.assign(function (...a: unknown[]) {
        built[name] += 1;
        return new Original(...a);
      }, Original);
    }
    try {
      const row = () => [formatDateTime('2026-12-06T10:00:00Z', 'en', 'Asia/Ho_Chi_Minh'), formatDuration(90_000_000, 'vi'), countryName('SG', 'vi')];
      const first = row();
      const afterFirst = { ...built };
      for (let i = 0; i < 25; i++) expect(row()).toEqual(first);
      expect(built).toEqual(afterFirst);
      expect(first).toEqual([expect.stringContaining('17:00'), '1 ngày 1 giờ', 'Singapore']);
    } finally {
      Object.assign(Intl, originals);
    }
  });
});
