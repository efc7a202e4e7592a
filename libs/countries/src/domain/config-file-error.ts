/**
 * One error type for the country configuration files (countries, working calendars): a bad
 * file stops the boot, every problem listed as `file: path: what is wrong`, e.g.
 * `config/countries.yaml: countries.SG.languages[0]: "english" is not an ISO 639-1 code`.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { core, ZodType } from 'zod';

export class CountryConfigError extends Error {
  readonly source: string;
  readonly issues: string[];
  constructor(source: string, issues: string[]) {
    super(issues.map((issue) => `${source}: ${issue}`).join('\n'));
    this.name = 'CountryConfigError';
    this.source = source;
    this.issues = issues;
  }
}

/** A value as it appears in a message: JSON, cut at 80 characters. */
export const show = (v: unknown): string => {
  const text = v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** `countries.SG.languages[0]` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * The wording of zod's own issues in the style of the deadline policy loader. Schemas give their
 * own message where the rule is theirs (a code list, a date); this covers types, missing keys
 * and enums.
 */
const wording = (issue: core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'missing' : `${show(issue.input)} must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `${show(issue.input)} is not one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? `${show(issue.input)} must not be empty` : issue.origin === 'array' ? 'must not be an empty list' : undefined;
    default:
      return undefined;
  }
};

/** Every problem of a zod result, one `path: message` line each (unknown keys one line per key). */
export function describeIssues(issues: readonly core.$ZodIssue[], root = 'the file'): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatPath([...issue.path, key])}: unknown key`);
    } else if (issue.code === 'invalid_key') {
      lines.push(`${path || root}: ${issue.issues[0]?.message ?? issue.message}`);
    } else if (issue.code === 'invalid_union') {
      lines.push(`${path || root}: ${issue.message}`);
    } else {
      lines.push(`${path || root}: ${issue.message}`);
    }
  }
  return lines;
}

/** Parses YAML text and validates it with a schema; throws CountryConfigError naming every problem. */
export function parseYamlWith<T>(schema: ZodType<T>, yamlText: string, source: string, what: string): T {
  if (typeof yamlText !== 'string' || yamlText.trim() === '') throw new CountryConfigError(source, [`the file is empty: expected ${what}`]);
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) throw new CountryConfigError(source, doc.errors.map((e) => `not valid YAML: ${e.message.split('\n')[0]}`));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new CountryConfigError(source, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(raw, { error: (issue) => wording(issue) });
  if (!result.success) throw new CountryConfigError(source, describeIssues(result.error.issues));
  return result.data;
}

/** One problem of a value, its path in the value and what is wrong (an API body's, as a file's). */
export interface ValueIssue {
  path: string;
  message: string;
}

/** Validates a parsed value (an API body) with a schema, in the files' wording: the data, or every problem. */
export function validateWith<T>(schema: ZodType<T>, raw: unknown): { ok: true; data: T } | { ok: false; issues: ValueIssue[] } {
  const result = schema.safeParse(raw, { error: (issue) => wording(issue) });
  if (result.success) return { ok: true, data: result.data };
  const issues: ValueIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: 'unknown key' });
    else issues.push({ path: formatPath(issue.path), message: issue.message });
  }
  return { ok: false, issues };
}

/** Reads a configuration file; an unreadable file is a CountryConfigError too. */
export function readConfigFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CountryConfigError(path, [`cannot read the ${what} file${code ? ` (${code})` : ''}: ${(e as Error).message}`]);
  }
}

/** Runs a cross-field refinement even when other parts of the value already failed (zod skips it otherwise), so every problem is listed at once. */
export const ALWAYS = { when: () => true } as const;

/** The value as an object, for refinements that may see a malformed value. */
export const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
