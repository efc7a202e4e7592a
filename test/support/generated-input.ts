import fc from 'fast-check';
import { isoDateFormOf } from '../../libs/core/src/validation/iso-date';

/**
 * Generators of bad client input for the generated-input test (issue 10, item 4), driven by
 * the OpenAPI document: every operation's path parameters, query, headers and body are drawn
 * from their schemas (the DTOs' own shape), then broken: wrong types, missing and unknown
 * fields, prototype-named fields, extreme strings and numbers, deep nesting, every ISO 8601
 * form, garbage and forged cursors, bad path parameters, wrong media types.
 */

export type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  nullable?: boolean;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  description?: string;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /api/v1/requests/{id}. */
  path: string;
  parameters: Parameter[];
  /** The JSON body schema, when the operation takes one. */
  body?: Schema;
  /** The operation takes raw bytes (application/octet-stream). */
  binaryBody: boolean;
}

/** One generated call. `payload` is sent as is (a string or bytes); `expectInvalid` marks a call that must never be accepted. */
export interface GeneratedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  caller: string;
}

export interface Pools {
  /** Real ids per path parameter ("{path}:{name}"), to reach the code behind the lookups. */
  ids: (op: Operation, name: string) => string[];
  /** Bearer header values by caller name. */
  bearers: Record<string, string>;
  /** A cookie header value of a live session (no Origin: a state change must be refused). */
  cookie: string;
  /** The caller whose role the operation is for. */
  preferredCaller: (op: Operation) => string[];
  /** Whether a valid path alone (with no body) could change something: then only unknown or malformed ids. */
  sideEffectWithoutBody: (op: Operation) => boolean;
}

export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []) as Parameter[],
        body: content['application/json']?.schema as Schema | undefined,
        binaryBody: content['application/octet-stream'] !== undefined,
      });
    }
  }
  return ops;
}

export function takesInput(op: Operation): boolean {
  return op.parameters.length > 0 || op.body !== undefined || op.binaryBody;
}

// ----------------------------------------------------------------------------------------
// Building blocks
// ----------------------------------------------------------------------------------------

export const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__', 'prototype'];

/** Every ISO 8601 form worth sending: valid ones, forms Date or PostgreSQL cannot store, and near misses. */
export const ISO_FORMS = [
  '2026-11-20', '2027-01-20', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00+07:00', '2026-11-20T10:00:00', '2026-11-20T10:00', '2026-11-20T10:00:00.123456-05:00',
  '1900-01-01', '9999-12-30T23:59:59.999+14:00', '1899-12-31', '1969-12-31T23:59:59Z', '9999-12-31', '9999-12-31T23:59:59-12:00', '0001-01-01', '0000-01-01',
  '2026', '2026-03', '2026-W05', '2026-W05-3', '2026W053', '2026-032', '2026032', '20260301', '20260301T100000Z', '20260301T1000+0700',
  '+012026-03-01', '-002026-03-01', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00Z', '10000-01-01', '99999-12-31',
  '2026-02-30', '2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '2026-01-32', '2026-03-01T24:00:00Z', '2026-03-01T23:60:00Z', '2026-12-31T23:59:60Z',
  '2026-03-01T10:00:00,5Z', '2026-03-01 10:00:00Z', '2026-03-01t10:00:00z', '2026-03-01T10Z', '2026-03-01T10:00:00+15:00', '2026-03-01T10:00:00-13:00',
  '2026-03-01T10:00:00+0700', '2026-03-01T10:00:00+07', '2026-03-01T10:00:00.1234567890Z', '2026-03-01T10:00:00Z[Asia/Ho_Chi_Minh]', 'P1D', 'PT8H',
  'R5/2026-03-01/P1D', '2026-03-01/2026-03-05', '2026-03-01T10:00:00ZZ', ' 2026-03-01', '2026-03-01\n', 'tomorrow', 'now', '0', '-1', '1e400',
];

/** The forms no date field accepts (by the API's one validator). */
const INVALID_ISO = ISO_FORMS.filter((f) => isoDateFormOf(f, ['date', 'zoned', 'local']) === null);
const VALID_DATES = ['2026-11-20', '2027-01-20', '2026-12-31'];
const VALID_DATE_TIMES = ['2026-11-20T10:00:00Z', '2027-01-20T15:59:59.999+07:00', '2026-12-31T23:00:00-05:00'];

const EXTREME_STRINGS = [
  '', ' ', '\t\n\r', 'a'.repeat(201), 'a'.repeat(5001), 'x'.repeat(20_001), '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\ud83d\ude00'.repeat(50), '\u202eevil', '\u200b',
  'e\u0301'.repeat(30), "' OR 1=1 --", '"; DROP TABLE users; --', '../../etc/passwd', '%00', '%zz', '<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}',
  'NaN', 'Infinity', '-0', '1e400', 'true', 'null', 'undefined', '[]', '{}', '0x10', '١٢٣', 'İ', 'ß'.repeat(100), '\\', '\\u0000',
];

const EXTREME_NUMBERS = [0, -1, -0, 1.5, 0.1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, 1e308, -1e308, 5e-324, 101, 201, 1000000];

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** encodeURIComponent that never throws (a lone surrogate goes as the UTF-8 of U+FFFD). */
export function encode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Garbage and forged cursors of every kind the API issues (keyset, events seq, overdue). */
export function cursorArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.base64String({ maxLength: 80 }),
    fc.uuid().map((id) => b64(`2026|${id}`)),
    fc.uuid().map((id) => b64(`2026-03-01T10:00:00.000Z|${id}`)),
    fc.uuid().map((id) => b64(`2026-03-01T10:00:00.000000Z|${id}`)),
    fc.tuple(fc.constantFrom(...ISO_FORMS), fc.uuid()).map(([d, id]) => b64(`${d}|${id}`)),
    fc.tuple(fc.constantFrom(...ISO_FORMS), fc.string({ maxLength: 40 })).map(([d, id]) => b64(`${d}|${id}`)),
    fc.uuid().map((id) => b64(`2026-03-01T10:00:00.000Z|${id}|extra`)),
    fc.constantFrom('0', '1', '-1', '999999999', '9999999999', '2147483648', '1e3', '00000000001', 'a'.repeat(201), '%zz', '====', b64('|'), b64('\u0000|\u0000')),
    fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  );
}

/** A value of any JSON type, including extremes. */
export function garbageArb(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...EXTREME_STRINGS),
    fc.constantFrom(...EXTREME_NUMBERS),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...ISO_FORMS),
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'constructor', 'toString', '__proto__', 'x'), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );
}

/** Nested arrays or objects `depth` levels deep (beyond the body's bound when large). */
export function nested(depth: number, leaf: unknown, objects: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = objects ? { a: v } : [v];
  return v;
}

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  let s = schema ?? {};
  for (let guard = 0; guard < 10; guard++) {
    if (s.$ref) s = { ...components[s.$ref.split('/').pop() as string], nullable: s.nullable };
    else if (s.allOf && s.allOf.length === 1) s = { ...resolve(s.allOf[0], components), nullable: s.nullable, description: s.description };
    else break;
  }
  return s;
}

function isDateField(name: string, s: Schema): boolean {
  return s.format === 'date' || s.format === 'date-time' || /(At|Until|By)$|^(from|to)$/.test(name) || /\bdate\b|date-time/i.test(s.description ?? '');
}

function isCursor(name: string): boolean {
  return name === 'cursor';
}

/** A value the schema admits (roughly: enums, formats, bounds), from real ids where there are some. */
function validish(name: string, schema: Schema | undefined, components: Record<string, Schema>, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (isCursor(name)) return cursorArb();
  if (s.type === 'string' && isDateField(name, s)) {
    // Mostly forms the field takes (the break is elsewhere), sometimes any form at all.
    const fitting = s.format === 'date' ? VALID_DATES : s.format === 'date-time' ? VALID_DATE_TIMES : [...VALID_DATES, ...VALID_DATE_TIMES];
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fitting) }, { weight: 1, arbitrary: fc.constantFrom(...ISO_FORMS) });
  }
  switch (s.type) {
    case 'string':
      return saneString(name, s, ids);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 1000 });
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(validish(`${name}[]`, s.items, components, ids, depth + 1), { maxLength: 3 });
    default:
      if (s.properties && depth <= 3) return objectArb(s, components, ids, depth + 1);
      return garbageArb();
  }
}

const WORD_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];

/** A string the field takes, judged from its schema (pattern, format, bounds) and name; sometimes an odd one. */
function saneString(name: string, s: Schema, ids: string[]): fc.Arbitrary<string> {
  const max = Math.min(s.maxLength ?? 40, 40);
  const min = Math.min(s.minLength ?? 1, max);
  let sane: fc.Arbitrary<string>;
  if (s.format === 'uuid') sane = ids.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  else if (s.pattern) sane = fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 1000));
  else if (s.format === 'email') sane = fc.constantFrom('someone@vn.example', 'officer@sg.example', 'new.user@example.org');
  else if (s.format === 'uri' || /url/i.test(name)) sane = fc.constantFrom('https://example.org/hooks', 'http://127.0.0.1:9/x');
  else if (/timezone/i.test(name)) sane = fc.constantFrom('Asia/Ho_Chi_Minh', 'Asia/Singapore', 'UTC');
  else if (/password/i.test(name)) sane = fc.constantFrom('correct-horse-battery', 'another-long-password-2026');
  else sane = fc.string({ unit: fc.constantFrom(...WORD_CHARS), minLength: Math.max(min, 3), maxLength: Math.max(max, 3) });
  return fc.oneof({ weight: 5, arbitrary: sane }, { weight: 1, arbitrary: fc.string({ maxLength: max }) });
}

/** The required fields, and at most two optional ones (so that a break is often the only fault). */
export function objectArb(s: Schema, components: Record<string, Schema>, ids: string[], depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = (s.required ?? []).filter((k) => k in props);
  const optional = Object.keys(props).filter((k) => !required.includes(k));
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of Object.keys(props)) model[k] = validish(k, props[k], components, ids, depth);
  // Built once (building an arbitrary, a stringMatching above all, costs far more than drawing from it).
  return fc.tuple(fc.record(model), fc.subarray(optional, { maxLength: Math.min(2, optional.length) })).map(([all, chosen]) => {
    const out: Record<string, unknown> = {};
    for (const k of [...required, ...chosen]) out[k] = all[k];
    return out;
  });
}

/** A value of another type than the schema's (never null: an optional field may accept null). */
function wrongTypeArb(schema: Schema, components: Record<string, Schema>): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const type = s.enum ? 'enum' : s.type;
  switch (type) {
    case 'enum':
      return fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.constantFrom(...(s.enum as unknown[])), { minLength: 1, maxLength: 2 }), fc.constantFrom('', 'bogus', String(s.enum?.[0]).toLowerCase(), ` ${String(s.enum?.[0])}`));
    case 'string':
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.array(fc.string(), { minLength: 1, maxLength: 2 }), fc.constant({ value: 'x' }));
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', '1', 'yes', ''), fc.integer(), fc.constant([true]), fc.constant({}));
    case 'integer':
    case 'number':
      return fc.oneof(fc.constantFrom('5', '', 'NaN', '1e3'), fc.constantFrom(1.5, 0.1, -0.5), fc.boolean(), fc.constant([1]), fc.constant({}));
    case 'array':
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant({ 0: 'a' }));
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

/** Strings PostgreSQL cannot store, or that no string field accepts. */
const UNSTORABLE = ['\u0000', 'ok\u0000', '\ud800', 'a\udc00b'];

type Body = { json?: unknown; raw?: string; removed?: boolean };

/** A body that breaks the schema at least once, guaranteed invalid; then maybe more. */
function invalidBodyArb(schema: Schema, components: Record<string, Schema>, ids: string[]): fc.Arbitrary<Body> {
  const s = resolve(schema, components);
  const props = Object.keys(s.properties ?? {});
  const required = (s.required ?? []).filter((k) => props.includes(k));
  const dateProps = props.filter((k) => isDateField(k, resolve(s.properties?.[k], components)) && resolve(s.properties?.[k], components).type === 'string');
  const stringProps = props.filter((k) => resolve(s.properties?.[k], components).type === 'string');
  const nestedProps = props.filter((k) => {
    const p = resolve(s.properties?.[k], components);
    return p.properties || (p.type === 'array' && resolve(p.items, components).properties);
  });
  const base = objectArb(s, components, ids, 1);
  const nonNullable = props.filter((k) => !resolve(s.properties?.[k], components).nullable);
  const options: fc.Arbitrary<Body>[] = [
    // an unknown field, possibly named like an Object.prototype member
    fc
      .tuple(base, fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'bogus', 'id', 'version', 'passwordHash', '$where', 'role '), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !props.includes(k))), garbageArb())
      .map(([b, k, v]) => ({ json: { ...b, [k]: v } })),
    // the body is not an object, or not JSON
    fc.oneof(fc.constant([]), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.constant(true)).map((json) => ({ json })),
    fc.constantFrom('{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":undefined}', '{"a":NaN}', '[1,2', '\u0000', '{"a":"\\ud800"}', '{"a":1}{"b":2}', 'null', '""', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}').map((raw) => ({ raw })),
    // nesting far beyond the bound, inside a field or as the body
    // (written as text: JSON.stringify itself would overflow the stack of this test)
    fc.tuple(base, props.length > 0 ? fc.constantFrom(...props) : fc.constant('a'), fc.integer({ min: 33, max: 6000 }), fc.boolean()).map(([b, k, depth, objects]) => ({
      raw: JSON.stringify({ ...b, [k]: '@@DEEP@@' }).replace('"@@DEEP@@"', objects ? `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}` : `${'['.repeat(depth)}"x"${']'.repeat(depth)}`),
    })),
    fc.integer({ min: 40, max: 6000 }).map((depth) => ({ raw: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
  ];
  if (props.length > 0) {
    options.push(
      fc.tuple(base, fc.constantFrom(...props)).chain(([b, k]) => wrongTypeArb(s.properties?.[k] as Schema, components).map((v) => ({ json: { ...b, [k]: v } }))),
    );
  }
  if (required.length > 0) {
    options.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([b, k]) => {
        const copy = { ...b };
        delete copy[k];
        return { json: copy, removed: true };
      }),
      fc.tuple(base, fc.constantFrom(...required)).map(([b, k]) => ({ json: { ...b, [k]: null } })),
    );
  }
  if (dateProps.length > 0) options.push(fc.tuple(base, fc.constantFrom(...dateProps), fc.constantFrom(...INVALID_ISO)).map(([b, k, v]) => ({ json: { ...b, [k]: v } })));
  // null where the contract does not say nullable (a PATCH must never reach a NOT NULL column with it)
  if (nonNullable.length > 0) options.push(fc.tuple(base, fc.constantFrom(...nonNullable)).map(([b, k]) => ({ json: { ...b, [k]: null } })));
  if (stringProps.length > 0) options.push(fc.tuple(base, fc.constantFrom(...stringProps), fc.constantFrom(...UNSTORABLE)).map(([b, k, v]) => ({ json: { ...b, [k]: v } })));
  if (nestedProps.length > 0) {
    // break a nested object (offence, identifiers[0], items[0].custody…) with an unknown or prototype-named field
    options.push(
      fc.tuple(base, fc.constantFrom(...nestedProps), fc.constantFrom(...PROTOTYPE_NAMES, 'bogus'), garbageArb()).map(([b, k, name, v]) => {
        const p = resolve(s.properties?.[k], components);
        const inner = { kind: 'FILE', description: 'x', [name]: v };
        return { json: { ...b, [k]: p.type === 'array' ? [inner] : inner } };
      }),
    );
  }
  const broken = fc.oneof(...options);
  // Sometimes more damage on top: extra random fields of random values.
  return fc.tuple(broken, fc.dictionary(fc.constantFrom(...props, 'extra'), garbageArb(), { maxKeys: 2 })).map(([b, extra]) => {
    if (b.removed || b.raw !== undefined || b.json === null || typeof b.json !== 'object' || Array.isArray(b.json) || Object.keys(extra).length === 0) return b;
    // Extra values only on fields the break did not touch (keep the guaranteed break).
    const json = { ...(b.json as Record<string, unknown>) };
    for (const [k, v] of Object.entries(extra)) if (!(k in json)) json[k] = v;
    return { json };
  });
}

/** A path segment: a real id, a random UUID, garbage (encoded or not), over-long, malformed percent-encoding. */
function pathParamArb(ids: string[]): fc.Arbitrary<string> {
  const encoded = (a: fc.Arbitrary<string>) => a.map((v) => encode(v));
  return fc.oneof(
    { weight: 4, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid() },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: encoded(fc.string({ minLength: 1, maxLength: 40 })) },
    { weight: 1, arbitrary: encoded(fc.constantFrom(...EXTREME_STRINGS.filter((s) => s !== ''))) },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '%E0%A4%A', '%', '%ff', '%C0%80', '%00', '..', '%2e%2e', '%2F', 'a%2Fb', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF') },
    { weight: 1, arbitrary: fc.integer({ min: 37, max: 400 }).map((n) => 'a'.repeat(n)) },
    { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
    { weight: 1, arbitrary: fc.uuid().map((id) => `${id}x`) },
  );
}

function queryValueArb(p: Parameter, components: Record<string, Schema>, ids: string[]): fc.Arbitrary<string | string[]> {
  const s = resolve(p.schema, components);
  const valid = validish(p.name, s, components, ids).map((v) => (Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 2, arbitrary: garbageArb().map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')) },
    { weight: 1, arbitrary: fc.array(valid, { minLength: 2, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(...ISO_FORMS) },
    { weight: 1, arbitrary: cursorArb() },
  );
}

/** A value the parameter takes (no cursor: only the API issues those). */
function saneQueryArb(p: Parameter, components: Record<string, Schema>, ids: string[]): fc.Arbitrary<string | null> {
  const s = resolve(p.schema, components);
  if (isCursor(p.name)) return fc.constant(null);
  if (isDateField(p.name, s)) return fc.constantFrom('2026-01-01', '2026-06-30T12:00:00+07:00', '2026-03-01T00:00:00');
  const items = s.type === 'array' ? resolve(s.items, components) : s;
  if (items.enum) return fc.constantFrom(...(items.enum as string[]));
  if (s.type === 'boolean') return fc.constantFrom('true', 'false');
  if (s.type === 'integer' || s.type === 'number') return fc.integer({ min: s.minimum ?? 1, max: s.maximum ?? 100 }).map(String);
  if (s.format === 'uuid') return ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid();
  if (s.pattern === '^[A-Z]{2}$') return fc.constantFrom('VN', 'SG', 'TH');
  return fc.string({ unit: fc.constantFrom(...WORD_CHARS), maxLength: 12 });
}

function headerValueArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((v) => v.replace(/[^\x20-\x7e]/g, '')),
    fc.constantFrom('"1"', 'W/"1"', '*', '1', '0', '-1', '"abc"', '"99999999999999999999"', '', ' ', 'a'.repeat(300), '"1", "2"', 'null'),
    fc.integer().map(String),
  );
}

/** Encodes a query part, sometimes leaving a malformed percent-encoding as is. */
function encodeQuery(entries: [string, string][], rawTail: string): string {
  const parts = entries.map(([k, v]) => `${encode(k)}=${encode(v)}`);
  if (rawTail) parts.push(rawTail);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Generated calls of one operation. */
export function callArb(op: Operation, doc: { components: { schemas: Record<string, Schema> } }, pools: Pools): fc.Arbitrary<GeneratedCall> {
  const components = doc.components.schemas;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const bodyless = op.body === undefined && !op.binaryBody;
  const noRealIds = bodyless && pools.sideEffectWithoutBody(op);

  const path = fc.tuple(...pathParams.map((p) => pathParamArb(noRealIds ? [] : pools.ids(op, p.name)).map((v) => [p.name, v] as const))).map((pairs) =>
    pairs.reduce((url, [name, v]) => url.replace(`{${name}}`, v), op.path),
  );
  // Either one parameter broken and the others sane (to reach the code behind them), or any mix.
  // (every arbitrary built once, outside any chain: building them costs more than drawing)
  const edgy = queryParams.map((p) => queryValueArb(p, components, pools.ids(op, p.name)));
  const sane = queryParams.map((p) => fc.option(saneQueryArb(p, components, pools.ids(op, p.name)), { freq: 2 }));
  const oneBad =
    queryParams.length === 0
      ? fc.constant([] as [string, string | string[] | null][])
      : fc
          .tuple(fc.integer({ min: 0, max: queryParams.length - 1 }), fc.tuple(...edgy), fc.tuple(...sane))
          .map(([bad, e, ok]) => queryParams.map((p, i) => [p.name, i === bad ? e[i] : ok[i]] as [string, string | string[] | null]));
  const anyMix = fc.tuple(...queryParams.map((p, i) => fc.option(edgy[i] as fc.Arbitrary<string | string[]>, { freq: 3 }).map((v) => [p.name, v] as [string, string | string[] | null])));
  const query = fc
    .tuple(
      fc.oneof(oneBad, anyMix),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([] as [string, string][]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES, 'bogus', 'limit', 'cursor', ''), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 2 }) },
      ),
      fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('%zz', 'a=%E0%A4%A', 'cursor=%', '&&&', '=', 'limit=1&limit=2', 'a[b]=c') }),
    )
    .map(([known, unknown, rawTail]) => {
      const entries: [string, string][] = [];
      for (const [name, v] of known) if (v !== null) for (const one of ([] as string[]).concat(v)) entries.push([name, one]);
      for (const [k, v] of unknown) entries.push([k, v]);
      return encodeQuery(entries, rawTail);
    });
  const headers = fc.tuple(...headerParams.map((p) => fc.option(headerValueArb(), { freq: 2 }).map((v) => [p.name.toLowerCase(), v] as const))).map((pairs) => {
    const h: Record<string, string> = {};
    for (const [k, v] of pairs) if (v !== null) h[k] = v;
    return h;
  });
  const callers = pools.preferredCaller(op);
  const auth = fc.oneof(
    { weight: 17, arbitrary: fc.constantFrom(...callers).map((c) => ({ caller: c, headers: { authorization: pools.bearers[c] as string } as Record<string, string> })) },
    { weight: 2, arbitrary: fc.constantFrom(...Object.keys(pools.bearers)).map((c) => ({ caller: c, headers: { authorization: pools.bearers[c] as string } as Record<string, string> })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<[string, Record<string, string>]>(
        ['none', {}],
        ['garbage', { authorization: 'Bearer garbage' }],
        ['basic', { authorization: 'Basic YTpi' }],
        ['cookie', { cookie: pools.cookie }],
        ['cookie+evil', { cookie: pools.cookie, origin: 'https://evil.example' }],
      ).map(([caller, h]) => ({ caller, headers: h })),
    },
  );
  const body: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> = op.binaryBody
    ? fc.oneof(
        fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ payload: Buffer.from(bytes), contentType: 'application/octet-stream' })),
        fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream; charset=bogus')).map(([bytes, contentType]) => ({
          payload: Buffer.from(bytes),
          contentType,
        })),
        fc.constant({}),
      )
    : op.body
      ? fc.tuple(
          invalidBodyArb(op.body, components, pools.ids(op, '*')),
          fc.oneof(
            { weight: 12, arbitrary: fc.constant('application/json') },
            { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/merge-patch+json', 'application/json; charset=utf-16') },
          ),
        ).map(([b, contentType]) => ({ payload: b.raw ?? JSON.stringify(b.json) ?? 'null', contentType }))
      : fc.constant({});

  return fc.tuple(path, query, headers, auth, body).map(([p, q, h, a, b]) => {
    const all: Record<string, string> = { ...h, ...a.headers };
    if (b.contentType) all['content-type'] = b.contentType;
    return { method: op.method, url: `${p}${q}`, headers: all, payload: b.payload, caller: a.caller };
  });
}
