/**
 * Loads and validates the deadline policy file (DESIGN §5). A bad policy stops the boot:
 * every problem is reported with the file and the offending entry's path, e.g.
 * `config/x.yaml: deadlines.REVIEW.URGENT: "P-1D" is not a positive ISO 8601 duration or { businessDays: N }`.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { LEGAL_BASES, PRIORITIES, REQUEST_TYPES } from '@mla/domain';
import { isoDurationNominalMs, isPositiveIsoDuration } from '@mla/domain';
import type {
  DeadlinePolicy,
  DurationByPriority,
  OverrideMatch,
  PartialPolicyDeadlines,
  PolicyDuration,
  PolicyOverride,
  PreservationPolicy,
  ReminderRule,
} from './deadline-policy.types';

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
const DEADLINE_KEYS = ['REVIEW', 'ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION', 'EXECUTION', 'INFO_RESPONSE'] as const;
const EXECUTION_KEYS = [...REQUEST_TYPES.filter((t) => t !== 'PRESERVATION'), 'default'] as const;
const PRESERVATION_KEYS = ['minimum', 'maximumPeriod', 'extension', 'maxExtensions'] as const;
const MATCH_KEYS = ['legalBasis', 'requestingCountry', 'requestedCountry', 'priority', 'type'] as const;
const COUNTRY = /^[A-Z]{2}$/;

type Obj = Record<string, unknown>;

const show = (v: unknown): string => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** The problems found while walking the file, each `path: what is wrong`. */
type Issues = string[];

function mapping(v: unknown, path: string, issues: Issues, allowed: readonly string[], required: readonly string[]): Obj | undefined {
  if (!isObj(v)) {
    issues.push(`${path || 'the policy'}: ${show(v)} must be a mapping of ${allowed.join(', ')}`);
    return undefined;
  }
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) {
      const hint = key === 'PRESERVATION' && allowed.includes('default') ? ' (PRESERVATION requests have no EXECUTION deadline)' : '';
      issues.push(`${join(path, key)}: unknown key${hint} (expected one of ${allowed.join(', ')})`);
    }
  }
  for (const key of required) if (v[key] === undefined) issues.push(`${join(path, key)}: missing`);
  return v;
}

function duration(v: unknown, path: string, issues: Issues): PolicyDuration | undefined {
  if (isPositiveIsoDuration(v)) return { kind: 'iso', iso: v };
  if (isObj(v) && Object.keys(v).length === 1 && Number.isSafeInteger(v.businessDays) && (v.businessDays as number) > 0) {
    return { kind: 'businessDays', days: v.businessDays as number };
  }
  issues.push(`${path}: ${show(v)} is not a positive ISO 8601 duration or { businessDays: N }`);
  return undefined;
}

function isoOnly(v: unknown, path: string, issues: Issues): string | undefined {
  if (isPositiveIsoDuration(v)) return v;
  issues.push(`${path}: ${show(v)} is not a positive ISO 8601 duration`);
  return undefined;
}

function byPriority(v: unknown, path: string, issues: Issues, complete: boolean): Partial<DurationByPriority> {
  const out: Partial<DurationByPriority> = {};
  const m = mapping(v, path, issues, PRIORITIES, complete ? PRIORITIES : []);
  if (!m) return out;
  for (const p of PRIORITIES) {
    if (m[p] === undefined) continue;
    const d = duration(m[p], join(path, p), issues);
    if (d) out[p] = d;
  }
  return out;
}

function deadlines(v: unknown, path: string, issues: Issues, complete: boolean): PartialPolicyDeadlines {
  const out: PartialPolicyDeadlines = {};
  const m = mapping(v, path, issues, DEADLINE_KEYS, complete ? DEADLINE_KEYS : []);
  if (!m) return out;
  for (const kind of SIMPLE_KINDS) {
    if (m[kind] !== undefined) out[kind] = byPriority(m[kind], join(path, kind), issues, complete);
  }
  if (m.EXECUTION !== undefined) {
    const ex = mapping(m.EXECUTION, join(path, 'EXECUTION'), issues, EXECUTION_KEYS, complete ? ['default'] : []);
    if (ex) {
      out.EXECUTION = {};
      for (const key of EXECUTION_KEYS) {
        if (ex[key] !== undefined) out.EXECUTION[key] = byPriority(ex[key], join(join(path, 'EXECUTION'), key), issues, complete);
      }
    }
  }
  return out;
}

function preservation(v: unknown, path: string, issues: Issues, complete: boolean): Partial<PreservationPolicy> {
  const out: Partial<PreservationPolicy> = {};
  const m = mapping(v, path, issues, PRESERVATION_KEYS, complete ? PRESERVATION_KEYS : []);
  if (!m) return out;
  for (const key of ['minimum', 'maximumPeriod', 'extension'] as const) {
    if (m[key] !== undefined) out[key] = isoOnly(m[key], join(path, key), issues);
  }
  if (m.maxExtensions !== undefined) {
    if (Number.isSafeInteger(m.maxExtensions) && (m.maxExtensions as number) >= 0) out.maxExtensions = m.maxExtensions as number;
    else issues.push(`${join(path, 'maxExtensions')}: ${show(m.maxExtensions)} is not a non-negative integer`);
  }
  for (const key of Object.keys(out) as (keyof PreservationPolicy)[]) if (out[key] === undefined) delete out[key];
  return out;
}

function checkPreservationOrder(p: Partial<PreservationPolicy>, path: string, issues: Issues, note = ''): void {
  if (p.minimum && p.maximumPeriod && isoDurationNominalMs(p.minimum) > isoDurationNominalMs(p.maximumPeriod)) {
    issues.push(`${join(path, 'minimum')}: ${p.minimum} is longer than maximumPeriod ${p.maximumPeriod}${note}`);
  }
}

function reminders(v: unknown, path: string, issues: Issues): ReminderRule[] {
  if (!Array.isArray(v)) {
    issues.push(`${path}: ${show(v)} must be a list of { atFraction: f } or { before: ISO duration }`);
    return [];
  }
  const out: ReminderRule[] = [];
  v.forEach((item, i) => {
    const p = join(path, i);
    if (!isObj(item) || Object.keys(item).length !== 1) {
      issues.push(`${p}: ${show(item)} must be exactly one of { atFraction: f } or { before: ISO duration }`);
      return;
    }
    if ('atFraction' in item) {
      const f = item.atFraction;
      if (typeof f === 'number' && f > 0 && f < 1) out.push({ atFraction: f });
      else issues.push(`${join(p, 'atFraction')}: ${show(f)} is not a fraction strictly between 0 and 1`);
    } else if ('before' in item) {
      const iso = isoOnly(item.before, join(p, 'before'), issues);
      if (iso) out.push({ before: iso });
    } else {
      issues.push(`${join(p, Object.keys(item)[0])}: unknown key (expected one of atFraction, before)`);
    }
  });
  return out;
}

function escalation(v: unknown, path: string, issues: Issues): { level2AfterFraction: number } {
  const m = mapping(v, path, issues, ['level2AfterFraction'], ['level2AfterFraction']);
  const f = m?.level2AfterFraction;
  if (m && f !== undefined && !(typeof f === 'number' && Number.isFinite(f) && f > 0)) {
    issues.push(`${join(path, 'level2AfterFraction')}: ${show(f)} is not a positive finite number`);
  }
  return { level2AfterFraction: typeof f === 'number' ? f : NaN };
}

function match(v: unknown, path: string, issues: Issues): Partial<OverrideMatch> {
  const out: Partial<OverrideMatch> = {};
  const m = mapping(v, path, issues, MATCH_KEYS, []);
  if (!m) return out;
  const oneOf = <T extends string>(key: keyof OverrideMatch, values: readonly T[]): T | undefined => {
    const value = m[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    issues.push(`${join(path, key)}: ${show(value)} is not one of ${values.join(', ')}`);
    return undefined;
  };
  const country = (key: 'requestingCountry' | 'requestedCountry'): string | undefined => {
    const value = m[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && COUNTRY.test(value)) return value;
    issues.push(`${join(path, key)}: ${show(value)} is not an ISO 3166-1 alpha-2 country code (two upper-case letters)`);
    return undefined;
  };
  const entries: Partial<OverrideMatch> = {
    legalBasis: oneOf('legalBasis', LEGAL_BASES),
    requestingCountry: country('requestingCountry'),
    requestedCountry: country('requestedCountry'),
    priority: oneOf('priority', PRIORITIES),
    type: oneOf('type', REQUEST_TYPES),
  };
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) (out as Obj)[key] = value;
  return out;
}

function overrides(v: unknown, path: string, issues: Issues, base: Partial<PreservationPolicy>): PolicyOverride[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    issues.push(`${path}: ${show(v)} must be a list of { match, deadlines?, preservation? }`);
    return [];
  }
  return v.map((item, i) => {
    const p = join(path, i);
    const m = mapping(item, p, issues, ['match', 'deadlines', 'preservation'], ['match']);
    const out: PolicyOverride = { match: {} };
    if (!m) return out;
    if (m.match !== undefined) out.match = match(m.match, join(p, 'match'), issues);
    if (m.deadlines !== undefined) out.deadlines = deadlines(m.deadlines, join(p, 'deadlines'), issues, false);
    if (m.preservation !== undefined) {
      out.preservation = preservation(m.preservation, join(p, 'preservation'), issues, false);
      checkPreservationOrder({ ...base, ...out.preservation }, join(p, 'preservation'), issues, ' once applied to the base policy');
    }
    if (!out.deadlines && !out.preservation) issues.push(`${p}: an override must give deadlines or preservation`);
    return out;
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validates the parsed content of a policy file; throws DeadlinePolicyError naming every bad entry. */
export function validateDeadlinePolicy(raw: unknown, source = 'deadline policy'): DeadlinePolicy {
  const issues: Issues = [];
  if (raw === undefined || raw === null || raw === '') throw new DeadlinePolicyError(source, ['the policy is empty: expected deadlines, preservation, reminders, escalation']);
  const top = mapping(raw, '', issues, ['deadlines', 'preservation', 'reminders', 'escalation', 'overrides'], ['deadlines', 'preservation', 'reminders', 'escalation']);
  if (!top) throw new DeadlinePolicyError(source, [...issues]);
  const policy = {
    deadlines: top.deadlines === undefined ? {} : deadlines(top.deadlines, 'deadlines', issues, true),
    preservation: top.preservation === undefined ? {} : preservation(top.preservation, 'preservation', issues, true),
    reminders: top.reminders === undefined ? [] : reminders(top.reminders, 'reminders', issues),
    escalation: top.escalation === undefined ? { level2AfterFraction: NaN } : escalation(top.escalation, 'escalation', issues),
    overrides: [] as PolicyOverride[],
  };
  checkPreservationOrder(policy.preservation, 'preservation', issues);
  policy.overrides = overrides(top.overrides, 'overrides', issues, policy.preservation);
  if (issues.length > 0) throw new DeadlinePolicyError(source, [...issues]);
  return deepFreeze(policy as DeadlinePolicy);
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
