/**
 * The shape of `config/directory.yaml` (zod 4, strict objects: an unknown key is refused).
 *
 * ```yaml
 * authorities:
 *   US-OIA:
 *     country: US
 *     kind: CENTRAL_AUTHORITY
 *     names: { en: Office of International Affairs, vi: Văn phòng Các vấn đề Quốc tế }
 *     timezone: America/New_York
 *     languages: [en]
 *     email: ...            # only where the source gives one
 *     address: ...          # idem
 *     channels: [EMAIL]     # idem
 *     source: "https://www.justice.gov/criminal-oia"
 *     lastVerified: 2026-12-06
 * ```
 */
import { z } from 'zod';
import { DIRECTORY_CHANNELS } from '@mla/domain';
import { ALWAYS, asRecord, show } from './config-file-error';
import { DIRECTORY_KINDS } from './directory.types';
import { isCountryCode, isLanguageCode } from './iso-codes';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `${show(issue.input)} is not one of ${values.join(', ')}` });

const text = (max: number) => z.string().trim().min(1).max(max, { error: `longer than ${max} characters` });

const language = z.string().refine(isLanguageCode, { error: (issue) => `${show(issue.input)} is not an ISO 639-1 code` });

/** True for a time zone the runtime knows (IANA name, e.g. Asia/Singapore). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !value.includes('/')) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A calendar day `YYYY-MM-DD` that exists. */
export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return value >= '1900-01-01' && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>()",;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/, {
    error: (issue) => `${show(issue.input)} is not an e-mail address`,
  });

/** A source names where the facts come from: a URL or a document, at least a few words. */
const source = z.string().trim().min(10, { error: (issue) => `${show(issue.input)} is not a source (give the URL or the document the facts come from)` });

/** YAML reads an unquoted 2026-12-06 as a date: both forms are taken, as the day. */
const day = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string().refine(isIsoDay, { error: (issue) => `${show(issue.input)} is not a day (YYYY-MM-DD)` }),
);

const uniqueList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1)
    .superRefine((list, ctx) => {
      if (!Array.isArray(list)) return;
      list.forEach((v, i) => {
        if (list.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${show(v)} is listed twice` });
      });
    }, ALWAYS);

const names = z
  .record(language, text(200))
  .superRefine((value, ctx) => {
    if (asRecord(value).en === undefined) ctx.addIssue({ code: 'custom', path: ['en'], message: 'missing: every entry has its English name' });
  }, ALWAYS);

const entry = z.strictObject({
  country: z.string().refine(isCountryCode, { error: (issue) => `${show(issue.input)} is not an ISO 3166-1 alpha-2 country code (e.g. SG)` }),
  kind: oneOf(DIRECTORY_KINDS),
  names,
  timezone: z.string().refine(isTimeZone, { error: (issue) => `${show(issue.input)} is not an IANA time zone (e.g. Asia/Singapore)` }),
  languages: uniqueList(language),
  address: text(500).optional(),
  email: email.optional(),
  channels: uniqueList(oneOf(DIRECTORY_CHANNELS)).optional(),
  source,
  lastVerified: day,
});

const code = z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { error: (issue) => `${show(issue.input)} is not a code (2-40 upper-case letters, digits, - or _, e.g. US-OIA)` });

export const directoryFileSchema = z
  .strictObject({ authorities: z.record(code, entry) })
  .superRefine((value, ctx) => {
    // The code starts with the country's code, so that a reader sees whose authority it is.
    for (const [c, e] of Object.entries(asRecord(asRecord(value).authorities))) {
      const country = asRecord(e).country;
      if (isCountryCode(country) && !c.startsWith(`${country}-`)) {
        ctx.addIssue({ code: 'custom', path: ['authorities', c, 'country'], message: `${show(country)} does not match the code ${c} (codes start with the country, e.g. ${country}-...)` });
      }
    }
  }, ALWAYS);

export type DirectoryFile = z.infer<typeof directoryFileSchema>;
