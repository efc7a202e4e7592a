import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The version an If-Match header names, or NaN when it names none (it then never matches). */
export function versionFromIfMatch(header: string): number {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * The request version the caller read, from its `If-Match` header (DESIGN §9): undefined
 * when the header is absent; NaN when it names no version (so it never matches: 412).
 */
export const ExpectedVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['if-match'];
  if (header === undefined) return undefined;
  return versionFromIfMatch(Array.isArray(header) ? header.join(',') : header);
});
