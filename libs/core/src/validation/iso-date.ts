import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * The one reader of dates and date-times sent by clients. It accepts exactly what every
 * consumer can hold: JavaScript `Date`, luxon and PostgreSQL (`date`, `timestamptz`), so a
 * value that passes never fails later. ISO 8601 offers many more forms (week dates
 * `2026-W05-3`, ordinal dates `2026-032`, reduced precision `2026` or `2026-03`, the basic
 * format `20260301T1000Z`, expanded years `+012026`, hours `24:00`, leap seconds, decimal
 * commas); none is accepted, and the message says what is.
 *
 * Forms (extended format only, upper-case `T` and `Z`):
 *  - `date`: `YYYY-MM-DD`, a real calendar day;
 *  - `date-time`: `YYYY-MM-DDThh:mm[:ss[.f…]]` (1 to 6 fraction digits) followed by `Z` or
 *    an offset `±hh:mm` between -12:00 and +14:00 when the form demands a zone
 *    (`zoned`), optionally so when it allows a local time (`local`).
 * Range: the calendar date written lies between 1900-01-01 and 9999-12-30 (so that the
 * instant stays within years 1899..9999 in every time zone).
 */
export type IsoDateForm = 'date' | 'zoned' | 'local';

export const ISO_DATE_MIN = '1900-01-01';
export const ISO_DATE_MAX = '9999-12-30';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2})?$/;

function isRealDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d <= days;
}

function inRange(y: string, m: string, d: string): boolean {
  const ymd = `${y}-${m}-${d}`;
  return ymd >= ISO_DATE_MIN && ymd <= ISO_DATE_MAX;
}

function isOffset(text: string): boolean {
  if (text === 'Z') return true;
  const sign = text[0];
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  if (minutes > 59) return false;
  const total = hours * 60 + minutes;
  return sign === '+' ? total <= 14 * 60 : total <= 12 * 60;
}

/** Which form `value` has among `forms`, or null when it has none of them. */
export function isoDateFormOf(value: unknown, forms: readonly IsoDateForm[]): IsoDateForm | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  if (forms.includes('date')) {
    const m = DATE.exec(value);
    if (m) {
      const [, y, mo, d] = m as unknown as [string, string, string, string];
      return isRealDay(Number(y), Number(mo), Number(d)) && inRange(y, mo, d) ? 'date' : null;
    }
  }
  if (!forms.includes('zoned') && !forms.includes('local')) return null;
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss, , zone] = m as unknown as [string, string, string, string, string, string, string | undefined, string | undefined, string | undefined];
  if (!isRealDay(Number(y), Number(mo), Number(d)) || !inRange(y, mo, d)) return null;
  if (Number(hh) > 23 || Number(mm) > 59 || (ss !== undefined && Number(ss) > 59)) return null;
  if (zone === undefined) return forms.includes('local') ? 'local' : null;
  return isOffset(zone) && forms.includes('zoned') ? 'zoned' : null;
}

/** The accepted forms in words, for error messages and the OpenAPI description. */
export function describeIsoDateForms(forms: readonly IsoDateForm[]): string {
  const parts: string[] = [];
  if (forms.includes('date')) parts.push('a date YYYY-MM-DD');
  if (forms.includes('zoned') && forms.includes('local')) {
    parts.push('a date-time YYYY-MM-DDThh:mm[:ss[.ffffff]], optionally followed by Z or ±hh:mm');
  } else if (forms.includes('zoned')) {
    parts.push('a date-time YYYY-MM-DDThh:mm[:ss[.ffffff]] followed by Z or ±hh:mm');
  } else if (forms.includes('local')) {
    parts.push('a local date-time YYYY-MM-DDThh:mm[:ss[.ffffff]] without offset');
  }
  return `${parts.join(' or ')} (ISO 8601 extended format, dates from ${ISO_DATE_MIN} to ${ISO_DATE_MAX})`;
}

/**
 * A date or date-time field (see the forms above), used by every DTO instead of
 * class-validator's `IsISO8601`, which lets through forms that `Date` or PostgreSQL cannot
 * store.
 */
export function IsIsoDate(forms: readonly IsoDateForm[], options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) => `${args.property} must be ${describeIsoDateForms(forms)}`,
        ...options,
      },
      validator: { validate: (value: unknown) => isoDateFormOf(value, forms) !== null },
    });
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/;

/**
 * Whether `text` is exactly what `Date.prototype.toISOString` writes for an instant of the
 * years 1900 to 9999 (the form our cursors carry): anything else is not one we issued.
 */
export function isCanonicalInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  if (!m) return false;
  const at = new Date(text);
  return !Number.isNaN(at.getTime()) && at.toISOString() === text && at.getUTCFullYear() >= 1900 && at.getUTCFullYear() <= 9999;
}
