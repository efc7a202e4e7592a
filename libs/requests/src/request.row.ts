import { fieldsWhere, REQUEST_FIELDS, type WritableField } from './domain/request-fields';
import type { RequestRow } from './domain/request-row';

export type { RequestRow };
export type { RequestChanges } from './domain/request-fields';

/** Columns a change may set, by property name, and their SQL column (from REQUEST_FIELDS). */
export const WRITABLE_COLUMNS: Readonly<Record<WritableField, string>> = Object.freeze(
  Object.fromEntries(fieldsWhere('writable').map((name) => [name, REQUEST_FIELDS[name].column])) as Record<WritableField, string>,
);

/** Properties kept as JSON (jsonb): written as JSON text. */
export const JSON_COLUMNS: ReadonlySet<string> = new Set(Object.entries(REQUEST_FIELDS).filter(([, f]) => f.type === 'jsonb').map(([name]) => name));
