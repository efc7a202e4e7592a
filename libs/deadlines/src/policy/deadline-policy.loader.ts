/**
 * Loads and validates the deadline policy file (DESIGN §5). A bad policy stops the boot:
 * every problem is reported with the file and the offending entry's path, e.g.
 * `config/x.yaml: deadlines.REVIEW.URGENT: "P-1D" is not a positive ISO 8601 duration or { businessDays: N }`.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { isoDurationNominalMs, isPositiveIsoDuration, LEGAL_BASES, PRIORITIES, REQUEST_TYPES, TRANSMISSION_CHANNELS, type Priority, type RequestType } from '@mla/domain';
import { DEFAULT_CHASE_INTERVALS, type ChaseIntervals, type DeadlinePolicy, type PolicyDuration, type PolicyOverride, type PreservationPolicy } from './deadline-policy.types';

/** A policy file that cannot be used; `issues` lists every problem as `path: what is wrong`. */
export class DeadlinePolicyError extends Error {
  readonly source: string;
  readonly issues: string[];
  constructor(source: string, issues: string[]) {
    super(issues.map((issue) => `${source}: ${issue}`).join('\n'));
    this.name = 'DeadlinePolicyError';
    this.source = source;
    this.issues = issues;
  }
}

const SIMPLE_KINDS = ['REVIEW', 'ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION', 'INFO_RESPONSE'] as const;
const EXECUTION_TYPES = REQUEST_TYPES.filter((t): t is Exclude<RequestType, 'PRESERVATION'> => t !== 'PRESERVATION');
const COUNTRY = /^[A-Z]{2}$/;

const show = (v: unknown): string => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

type Issue = { input?: unknown; code?: string; keys?: string[] };
/** An entry's message: `missing` when absent, else the value shown and what is wrong with it. */
const entry = (what: string) => ({ error: (iss: Issue) => (iss.input === undefined ? 'missing' : `${show(iss.input)} ${what}`) });

/**
 * A mapping with these keys: unknown ones refused (one message per key, see `formatIssues`;
 * `hints` explain a likely mistake), a non-mapping named.
 */
function mapping<S extends z.core.$ZodLooseShape>(shape: S, hints: Record<string, string> = {}) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss: Issue) => {
      if (iss.code === 'unrecognized_keys') {
        const hint = iss.keys?.length === 1 ? hints[iss.keys[0] as string] : undefined;
        return `unknown key${hint ? ` (${hint})` : ''} (expected one of ${keys})`;
      }
      return iss.input === undefined ? 'missing' : `${show(iss.input)} must be a mapping of ${keys}`;
    },
  });
}

const NOT_DURATION = 'is not a positive ISO 8601 duration or { businessDays: N }';
const isoText = z.string(entry('is not a positive ISO 8601 duration')).refine(isPositiveIsoDuration, entry('is not a positive ISO 8601 duration'));

const isBusinessDays = (v: unknown): v is { businessDays: number } =>
  typeof v === 'object' && v !== null && Object.keys(v).length === 1 && Number.isSafeInteger((v as { businessDays?: unknown }).businessDays) && (v as { businessDays: number }).businessDays > 0;

/** A policy duration: an ISO 8601 duration, or `{ businessDays: N }` with N a positive integer. */
const policyDuration = z
  .custom<string | { businessDays: number }>((v) => isPositiveIsoDuration(v) || isBusinessDays(v), entry(NOT_DURATION))
  .transform((v): PolicyDuration => (typeof v === 'string' ? { kind: 'iso', iso: v } : { kind: 'businessDays', days: v.businessDays }));

const byPriority = (complete: boolean) =>
  mapping(Object.fromEntries(PRIORITIES.map((p) => [p, complete ? policyDuration : policyDuration.optional()])) as Record<Priority, typeof policyDuration>);

function deadlinesSchema(complete: boolean) {
  const leaf = complete ? byPriority(true) : byPriority(false).optional();
  const execution = mapping(
    { ...Object.fromEntries(EXECUTION_TYPES.map((t) => [t, byPriority(complete).optional()])), default: leaf },
    { PRESERVATION: 'PRESERVATION requests have no EXECUTION deadline' },
  );
  return mapping({ ...Object.fromEntries(SIMPLE_KINDS.map((k) => [k, leaf])), EXECUTION: complete ? execution : execution.optional() });
}

function preservationSchema(complete: boolean) {
  const iso = complete ? isoText : isoText.optional();
  const max = z.int(entry('is not a non-negative integer')).min(0, entry('is not a non-negative integer'));
  return mapping({ minimum: iso, maximumPeriod: iso, extension: iso, maxExtensions: complete ? max : max.optional() });
}

const fraction = z.number(entry('is not a fraction strictly between 0 and 1')).gt(0, entry('is not a fraction strictly between 0 and 1')).lt(1, entry('is not a fraction strictly between 0 and 1'));
const ONE_REMINDER = 'must be exactly one of { atFraction: f } or { before: ISO duration }';
const REMINDER_KEYS = ['atFraction', 'before'];
/** A reminder: exactly one of `atFraction` or `before`. */
const reminder = z
  .record(z.string(), z.unknown(), entry(ONE_REMINDER))
  .superRefine((v, ctx) => {
    const keys = Object.keys(v);
    if (keys.length !== 1) ctx.addIssue({ code: 'custom', message: `${show(v)} ${ONE_REMINDER}` });
    else if (!REMINDER_KEYS.includes(keys[0] as string)) {
      ctx.addIssue({ code: 'custom', path: [keys[0] as string], message: `unknown key (expected one of ${REMINDER_KEYS.join(', ')})` });
    }
  })
  .pipe(z.union([mapping({ atFraction: fraction }), mapping({ before: isoText })]));

const oneOf = <T extends string>(values: readonly T[]) => z.enum(values as unknown as [T, ...T[]], entry(`is not one of ${values.join(', ')}`)).optional();
const country = z.string(entry('is not an ISO 3166-1 alpha-2 country code (two upper-case letters)')).regex(COUNTRY, entry('is not an ISO 3166-1 alpha-2 country code (two upper-case letters)')).optional();

const overrideSchema = mapping({
  match: mapping({ legalBasis: oneOf(LEGAL_BASES), requestingCountry: country, requestedCountry: country, priority: oneOf(PRIORITIES), type: oneOf(REQUEST_TYPES) }),
  deadlines: deadlinesSchema(false).optional(),
  preservation: preservationSchema(false).optional(),
}).refine((o) => o.deadlines !== undefined || o.preservation !== undefined, { error: () => 'an override must give deadlines or preservation' });

const policySchema = mapping({
  deadlines: deadlinesSchema(true),
  preservation: preservationSchema(true),
  reminders: z.array(reminder, entry('must be a list of { atFraction: f } or { before: ISO duration }')),
  escalation: mapping({
    level2AfterFraction: z.number(entry('is not a positive finite number')).positive(entry('is not a positive finite number')).finite(entry('is not a positive finite number')),
  }),
  /** Per transmission channel to an OFFLINE authority (DESIGN §14); absent: DEFAULT_CHASE_INTERVALS. */
  chase: mapping({ default: isoText, ...Object.fromEntries(TRANSMISSION_CHANNELS.map((c) => [c, isoText.optional()])) }).optional(),
  overrides: z.array(overrideSchema, entry('must be a list of { match, deadlines?, preservation? }')).nullish(),
}).superRefine((policy, ctx) => {
  const longer = (p: Partial<PreservationPolicy>, path: (string | number)[], note = '') => {
    if (p.minimum && p.maximumPeriod && isoDurationNominalMs(p.minimum) > isoDurationNominalMs(p.maximumPeriod)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'minimum'], message: `${p.minimum} is longer than maximumPeriod ${p.maximumPeriod}${note}` });
    }
  };
  longer(policy.preservation, ['preservation']);
  (policy.overrides ?? []).forEach((o, i) => {
    if (o.preservation) longer({ ...policy.preservation, ...o.preservation }, ['overrides', i, 'preservation'], ' once applied to the base policy');
  });
});

const pathText = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');

/**
 * Every problem as `path: what is wrong`: an unknown key once per key, before the other
 * problems of its mapping (as one reads the file).
 */
function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  const lines: { path: string; text: string; unknown: boolean }[] = [];
  for (const iss of issues) {
    const path = pathText(iss.path);
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) lines.push({ path, text: `${pathText([...iss.path, key])}: ${iss.message}`, unknown: true });
    } else lines.push({ path, text: `${path || 'the policy'}: ${iss.message}`, unknown: false });
  }
  const ordered: typeof lines = [];
  for (const line of lines) {
    if (!line.unknown) ordered.push(line);
    else {
      const first = ordered.findIndex((l) => !l.unknown && (l.path === line.path || l.path.startsWith(`${line.path}.`) || (line.path === '' && l.path !== '')));
      ordered.splice(first === -1 ? ordered.length : first, 0, line);
    }
  }
  return ordered.map((l) => l.text);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validates the parsed content of a policy file (zod); throws DeadlinePolicyError naming every bad entry. */
export function validateDeadlinePolicy(raw: unknown, source = 'deadline policy'): DeadlinePolicy {
  if (raw === undefined || raw === null || raw === '') throw new DeadlinePolicyError(source, ['the policy is empty: expected deadlines, preservation, reminders, escalation']);
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) throw new DeadlinePolicyError(source, formatIssues(parsed.error.issues));
  const { overrides, chase, ...rest } = parsed.data;
  return deepFreeze({ ...rest, chase: (chase ?? DEFAULT_CHASE_INTERVALS) as ChaseIntervals, overrides: (overrides ?? []) as PolicyOverride[] } as DeadlinePolicy);
}

/** Parses and validates a policy written in YAML (or JSON). */
export function parseDeadlinePolicy(yamlText: string, source = 'deadline policy'): DeadlinePolicy {
  if (typeof yamlText !== 'string' || yamlText.trim() === '') {
    throw new DeadlinePolicyError(source, ['the policy file is empty: expected deadlines, preservation, reminders, escalation']);
  }
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) throw new DeadlinePolicyError(source, doc.errors.map((e) => `not valid YAML: ${e.message}`));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new DeadlinePolicyError(source, [`not valid YAML: ${(e as Error).message}`]);
  }
  return validateDeadlinePolicy(raw, source);
}

/** Reads, parses and validates the policy file at `path`. */
export function loadDeadlinePolicy(path: string): DeadlinePolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DeadlinePolicyError(path, [`cannot read the policy file${code ? ` (${code})` : ''}: ${(e as Error).message}`]);
  }
  return parseDeadlinePolicy(text, path);
}
