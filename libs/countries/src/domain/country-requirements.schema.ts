/**
 * The shape of `config/countries.yaml` (zod 4, strict objects: an unknown key is refused).
 *
 * ```yaml
 * countries:
 *   SG:
 *     name: Singapore
 *     languages: [en]
 *     translationRequired: true
 *     channels: [CENTRAL_AUTHORITY]
 *     legalBases: [ASEAN_MLAT_2004, RECIPROCITY]
 *     sources: { languages: "ASEAN MLAT 2004 art. 5", ... }   # one per fact given
 *     requiredDetails:
 *       - key: offenceMeasureLink
 *         label: { en: ..., vi: ... }
 *         appliesTo: { types: [SUBSCRIBER_INFO] }
 *         source: "MACMA 2000 (Singapore) s. 22(4)"
 * ```
 */
import { z } from 'zod';
import { CHANNELS, LEGAL_BASES, PRIORITIES, REQUEST_TYPES } from '@mla/domain';
import { ALWAYS, asRecord, show } from './config-file-error';
import { isCountryCode, isLanguageCode } from './iso-codes';
import { SOURCED_FACTS } from './country-requirements.types';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `${show(issue.input)} is not one of ${values.join(', ')}` });

const text = z.string().trim().min(1);

/** A source must say where the fact comes from: at least a few words, e.g. "ASEAN MLAT 2004 art. 6(1)". */
const source = z.string().trim().min(5, { error: (issue) => `${show(issue.input)} is not a source (name the treaty article, law section or guide, with its URL)` });

const language = z.string().refine(isLanguageCode, { error: (issue) => `${show(issue.input)} is not an ISO 639-1 code` });

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

const requiredDetail = z.strictObject({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, { error: (issue) => `${show(issue.input)} is not a camelCase key` }),
  label: z.strictObject({ en: text, vi: text }),
  appliesTo: z
    .strictObject({ types: uniqueList(oneOf(REQUEST_TYPES)).optional(), legalBases: uniqueList(oneOf(LEGAL_BASES)).optional() })
    .optional(),
  source,
});

const channelRule = z.strictObject({
  channel: oneOf(CHANNELS),
  types: uniqueList(oneOf(REQUEST_TYPES)).optional(),
  priorities: uniqueList(oneOf(PRIORITIES)).optional(),
  legalBases: uniqueList(oneOf(LEGAL_BASES)).optional(),
  source,
});

const sources = z.strictObject(Object.fromEntries(SOURCED_FACTS.map((fact) => [fact, source.optional()])) as Record<(typeof SOURCED_FACTS)[number], z.ZodOptional<typeof source>>);

const country = z
  .strictObject({
    name: text,
    centralAuthority: text.optional(),
    languages: uniqueList(language).optional(),
    translationRequired: z.boolean().optional(),
    channels: uniqueList(oneOf(CHANNELS)).optional(),
    channelRules: z.array(channelRule).min(1).optional(),
    legalBases: uniqueList(oneOf(LEGAL_BASES)).optional(),
    requiredDetails: z.array(requiredDetail).optional(),
    sources: sources.optional(),
  })
  .superRefine((value, ctx) => {
    const entry = asRecord(value);
    const sourcesGiven = asRecord(entry.sources);
    for (const fact of SOURCED_FACTS) {
      const given = entry[fact] !== undefined;
      const sourced = sourcesGiven[fact] !== undefined;
      if (given && !sourced) ctx.addIssue({ code: 'custom', path: ['sources', fact], message: `missing: ${fact} is given, so its source must be too` });
      if (!given && sourced) ctx.addIssue({ code: 'custom', path: ['sources', fact], message: `a source for ${fact}, which is not given` });
    }
    if (entry.translationRequired !== undefined && entry.languages === undefined) {
      ctx.addIssue({ code: 'custom', path: ['translationRequired'], message: 'given without languages (a translation into which language?)' });
    }
    const rules = Array.isArray(entry.channelRules) ? entry.channelRules : [];
    if (rules.length > 0 && !Array.isArray(entry.channels)) ctx.addIssue({ code: 'custom', path: ['channelRules'], message: 'given without channels (the channels the country takes at all)' });
    rules.forEach((rule, i) => {
      const channel = asRecord(rule).channel;
      if (Array.isArray(entry.channels) && (CHANNELS as readonly unknown[]).includes(channel) && !entry.channels.includes(channel)) {
        ctx.addIssue({ code: 'custom', path: ['channelRules', i, 'channel'], message: `${show(channel)} is not among the country's channels` });
      }
    });
    if (Array.isArray(entry.channels) && rules.length > 0) {
      for (const channel of entry.channels) {
        if (!rules.some((r) => asRecord(r).channel === channel)) ctx.addIssue({ code: 'custom', path: ['channelRules'], message: `no rule for ${show(channel)}, one of the country's channels` });
      }
    }
    const details = Array.isArray(entry.requiredDetails) ? entry.requiredDetails : [];
    const keys = details.map((d) => asRecord(d).key);
    keys.forEach((key, i) => {
      if (key !== undefined && keys.indexOf(key) !== i) ctx.addIssue({ code: 'custom', path: ['requiredDetails', i, 'key'], message: `${show(key)} is listed twice` });
    });
  }, ALWAYS);

const countryCode = z.string().refine(isCountryCode, { error: (issue) => `${show(issue.input)} is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. SG)` });

export const countriesFileSchema = z.strictObject({ countries: z.record(countryCode, country) });

export type CountriesFile = z.infer<typeof countriesFileSchema>;
