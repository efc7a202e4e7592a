import type { TestApp } from './test-app';
import { DEMO_PASSWORD } from '../../libs/identity/src/seed/demo-data';

/** A Host and the Origin of the same site: what a browser on the console sends (supertest picks a new port per call). */
export const SAME_ORIGIN = { host: 'mla-hub.test', origin: 'http://mla-hub.test' } as const;

/** The `name=value` of the session cookie a login set (throws when none). */
export function sessionCookieOf(res: { headers: Record<string, unknown> }): string {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  const cookie = cookies.find((c) => /^(__Host-)?mla_session=/.test(c));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return cookie.split(';')[0] as string;
}

/** Signs in as the console does (`"session": "cookie"`, from its own origin); answers the cookie header value. */
export async function cookieLogin(t: TestApp, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').set(SAME_ORIGIN).send({ email, password, session: 'cookie' });
  if (res.status !== 200) throw new Error(`cookie login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return sessionCookieOf(res);
}

/** Logs in with a bearer token that is this test's own (never the cached one of TestApp.login). */
export async function freshBearer(t: TestApp, email: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').set(headers).send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken as string}`;
}
