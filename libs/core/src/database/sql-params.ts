/** Collects positional parameters for hand-written SQL: `p.add(value)` answers `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Several data-modifying statements as one round trip: `WITH s1 AS (…), s2 AS (…) SELECT 1`.
 * PostgreSQL runs each exactly once, in one snapshot, atomically.
 */
export function combineStatements(statements: (string | null)[]): string {
  const present = statements.filter((s): s is string => s !== null);
  if (present.length === 1) return present[0] as string;
  return `WITH ${present.map((s, i) => `s${i} AS (${s})`).join(', ')} SELECT 1`;
}
