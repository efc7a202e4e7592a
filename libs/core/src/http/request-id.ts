import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request id: the caller's `X-Request-Id` when it is a safe token, else a new UUID.
 * It is set on the raw request too, so the HTTP logger and problem bodies share it.
 */
export function genRequestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}
