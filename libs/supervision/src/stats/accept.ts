/**
 * Whether an Accept header prefers CSV to JSON: text/csv with a higher quality than
 * application/json (and than `*\/*` when JSON is not named). JSON on a tie or when absent.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    if (!type) continue;
    const q = params.map((s) => /^\s*q=([0-9.]+)\s*$/.exec(s)).find((m) => m);
    const value = q ? Number(q[1]) : 1;
    if (!Number.isNaN(value) && !quality.has(type.trim())) quality.set(type.trim(), value);
  }
  const csv = quality.get('text/csv') ?? quality.get('text/*') ?? 0;
  const json = quality.get('application/json') ?? quality.get('application/*') ?? quality.get('*/*') ?? 0;
  return csv > 0 && csv > json;
}
