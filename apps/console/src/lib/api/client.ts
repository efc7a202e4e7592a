import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { stepUpMiddleware } from './step-up';

export type Schemas = components['schemas'];
export type RequestDto = Schemas['RequestDto'];
export type RequestSummary = Schemas['RequestSummaryDto'];
export type Deadline = Schemas['DeadlineDto'];
export type RequestState = RequestDto['state'];
export type RequestType = RequestDto['type'];
export type RequestAction = RequestDto['allowedActions'][number];
export type Identifier = Schemas['IdentifierDto'];
export type IdentifierKind = Identifier['kind'];
export type Me = Schemas['MeDto'];
export type Authority = Schemas['AuthorityDto'];
export type Role = Schemas['UserDto']['role'];
/** The body of POST /requests/{id}/transitions: one action and its own inputs (the OpenAPI oneOf keyed by `action`). */
export type TransitionRequest = paths['/api/v1/requests/{id}/transitions']['post']['requestBody']['content']['application/json'];

/**
 * The one client of the API, typed from docs/openapi.json. The session travels as the
 * HttpOnly cookie the API set at sign-in: nothing is stored in the page, and the browser
 * sends its own Origin with every change. A change that needs a recent second factor asks
 * for it and is sent again (step-up.ts).
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(stepUpMiddleware);

/** A field of an RFC 9457 problem's errors[]. */
export interface FieldProblem {
  field: string;
  message: string;
  /** The rule broken (a validation constraint: minLength, isEmail…): the console words it itself. */
  rule?: string;
  /** Where the rule comes from (a treaty article, a national law). */
  source?: string;
}

/** An answer of the API that is not a success: its problem body (code, detail, errors[]). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiProblem';
  }

  /** The problems of one field (`title`, `offence.provision`, `identifiers[0].observedAt`). */
  forField(field: string): FieldProblem[] {
    return this.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`));
  }
}

export function toProblem(status: number, body: unknown): ApiProblem {
  const b = (body ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldProblem[]; requestId?: string };
  // Field paths come as `identifiers.0.value` (validation) or `identifiers[0].observedAt` (submit): one form.
  const errors = (Array.isArray(b.errors) ? b.errors : []).map((e) => ({ ...e, field: String(e.field).replace(/\.(\d+)(?=\.|$)/g, '[$1]') }));
  return new ApiProblem(status, b.code ?? `HTTP_${status}`, b.detail ?? b.title ?? String(body ?? ''), errors, b.requestId);
}

/** Awaits an openapi-fetch call: its data, or throws its problem. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (error) {
    throw new ApiProblem(0, 'NETWORK', (error as Error)?.message ?? 'network error');
  }
  if (!result.response.ok) throw toProblem(result.response.status, result.error);
  return result.data as T;
}

/** Per query: the ETag of the answer and that answer as JSON (a tag is sent only for the copy it describes). */
const tags = new Map<string, { etag: string; json: string }>();

/**
 * A poll that revalidates (If-None-Match): the ETag of the copy in the query cache is sent,
 * and a 304 keeps that copy. Nothing new is read, so a confidential request's access log gets
 * no row for it. The API answers no-store: the copy lives only in this page's query cache
 * (emptied at sign-out, and then nothing is revalidated).
 */
export async function callConditional<T>(
  key: readonly unknown[],
  cached: T | undefined,
  send: (headers: { 'If-None-Match'?: string }) => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const id = JSON.stringify(key);
  const known = cached === undefined ? undefined : tags.get(id);
  // The cache may hold another copy than the tagged one (an action's answer put there): then no tag.
  const tag = known && known.json === JSON.stringify(cached) ? known.etag : undefined;
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await send(tag ? { 'If-None-Match': tag } : {});
  } catch (error) {
    throw new ApiProblem(0, 'NETWORK', (error as Error)?.message ?? 'network error');
  }
  if (result.response.status === 304 && cached !== undefined) return cached;
  if (!result.response.ok) throw toProblem(result.response.status, result.error);
  const etag = result.response.headers.get('etag');
  if (etag) tags.set(id, { etag, json: JSON.stringify(result.data) });
  else tags.delete(id);
  return result.data as T;
}

/** The If-Match value of a version (the API's ETag is the quoted version). */
export const ifMatch = (version: number) => `"${version}"`;

/** A fresh Idempotency-Key for a POST (a retried click answers the first response). */
export const idempotencyKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).toString();
