import { z } from 'zod';
import { firstInputProblem, isoDateFormOf, jsonNestingExceeds, type FieldError } from '@mla/core';

const NODE_ID = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An instant with its offset, as ISO 8601 (e.g. 2026-11-02T03:00:00.000Z). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
/** How deeply an envelope may nest (the content of a request is the deepest part). */
export const ENVELOPE_MAX_DEPTH = 32;
export const MESSAGE_TYPE = /^[a-z][a-z0-9_.-]{0,63}$/;

const party = z.strictObject({
  /** The node's name (its well-known nodeId). */
  node: z.string().regex(NODE_ID, 'must be a node name such as vn.mla.example'),
  authority: z.strictObject({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'must be an authority code such as VN-CA'),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as VN'),
  }),
});

const json = z.record(z.string(), z.unknown());

/** The envelope of a federation message (DESIGN §15); unknown fields are refused. */
export const envelopeSchema = z.strictObject({
  id: z.string().regex(UUID, 'must be a UUID'),
  type: z.string().regex(MESSAGE_TYPE, 'must be a message type such as request.sent (lower-case letters, digits, . _ -)'),
  requestId: z.string().regex(UUID, 'must be a UUID'),
  from: party,
  to: party,
  createdAt: z.string().regex(INSTANT, 'must be an ISO 8601 instant with its offset').refine((v) => isoDateFormOf(v, ['zoned']) !== null, 'is not a real instant'),
  event: json,
  content: json.optional(),
  files: z
    .array(
      z.strictObject({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex'),
        sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        fileName: z.string().min(1).max(255).optional(),
        mediaType: z.string().min(1).max(255).optional(),
      }),
    )
    .max(1000)
    .optional(),
});

export type Envelope = z.infer<typeof envelopeSchema>;

function path(parts: readonly PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'body';
}

/**
 * Reads an envelope from the body's bytes: UTF-8 JSON, nesting bounded, no prototype-named
 * field nor text PostgreSQL cannot store, then the schema. Answers the envelope or every
 * field's problem.
 */
export function readEnvelope(bytes: Uint8Array): Envelope | FieldError[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return [{ field: 'body', message: 'is not UTF-8' }];
  }
  if (jsonNestingExceeds(text, ENVELOPE_MAX_DEPTH)) return [{ field: 'body', message: `nests deeper than ${ENVELOPE_MAX_DEPTH} levels` }];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [{ field: 'body', message: 'is not valid JSON' }];
  }
  const problem = firstInputProblem(value, ENVELOPE_MAX_DEPTH);
  if (problem) return [problem];
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) return parsed.error.issues.slice(0, 20).map((issue) => ({ field: path(issue.path), message: issue.message }));
  return parsed.data;
}

/** The `id` a body names when it is an object with a UUID id (for the receipt of a refusal); else null. */
export function messageIdOf(bytes: Uint8Array): string | null {
  try {
    const value = JSON.parse(Buffer.from(bytes).toString('utf8')) as { id?: unknown };
    return typeof value?.id === 'string' && UUID.test(value.id) ? value.id.toLowerCase() : null;
  } catch {
    return null;
  }
}
