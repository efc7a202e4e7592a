import type { FieldError } from '../errors/app-exception';

/**
 * Checks on client JSON that hold for any size or shape, by construction: every walk here
 * is iterative (an explicit stack, never recursion), so no input can overflow the stack.
 */

/** How deeply `text` (JSON) nests arrays and objects, counted without parsing; stops early beyond `limit`. */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Names that objects inherit from `Object.prototype` (`constructor`, `toString`,
 * `hasOwnProperty`, `__proto__`, …). class-validator's whitelist looks field names up in a
 * plain object, where these are always "known": they are rejected here instead, like any
 * other unknown field. No DTO has a field of these names.
 */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  // Not inherited, but Nest's ValidationPipe deletes it silently (with __proto__ and constructor) before class-validator
  // sees it: a body with `prototype` was accepted where every other unknown field is a 400 (issue 22 item 7).
  'prototype',
]);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL cannot store as sent: a NUL character or an unpaired surrogate. */
export function isUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The first problem (by path, depth first) of a parsed body or query: a field named like
 * an `Object.prototype` member, or text PostgreSQL cannot store (in a key or a value);
 * null when there is none. Nesting beyond `maxDepth` is reported too (the JSON parser
 * refuses it first; a query string never nests).
 */
export function firstInputProblem(value: unknown, maxDepth: number): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof v === 'string') {
      if (isUnstorableText(v)) return { field: path || 'body', message: 'contains a NUL character or an unpaired surrogate' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { field: path || 'body', message: `nests deeper than ${maxDepth} levels` };
    const children: { value: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) children.push({ value: v[i], path: pathOf(path, i), depth: depth + 1 });
    } else {
      for (const key of Object.keys(v)) {
        const field = pathOf(path, key);
        if (PROTOTYPE_NAMES.has(key)) return { field, message: 'is not a known field' };
        if (isUnstorableText(key)) return { field, message: 'contains a NUL character or an unpaired surrogate' };
        children.push({ value: (v as Record<string, unknown>)[key], path: field, depth: depth + 1 });
      }
    }
    // Reversed so that the first child is examined first.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as { value: unknown; path: string; depth: number });
  }
  return null;
}
