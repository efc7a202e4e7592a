import { assertSameOriginForCookie, sessionCookieOptions, sessionTokenOf } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict on /, Secure only in production, and lives as long as the token', () => {
    expect(sessionCookieOptions({ isProduction: false, JWT_TTL_SECONDS: 600 })).toEqual({ httpOnly: true, sameSite: 'strict', path: '/', secure: false, maxAge: 600 });
    expect(sessionCookieOptions({ isProduction: true, JWT_TTL_SECONDS: 600 }).secure).toBe(true);
  });

  it('is read from the parsed cookies, or from the header', () => {
    expect(sessionTokenOf({ method: 'GET', headers: {}, cookies: { mla_session: 'a.b.c' } })).toBe('a.b.c');
    expect(sessionTokenOf({ method: 'GET', headers: { cookie: 'x=1; mla_session=d.e.f' } })).toBe('d.e.f');
    expect(sessionTokenOf({ method: 'GET', headers: { cookie: 'x=1' } })).toBeNull();
  });

  it('lets reads through and needs the own origin for changes (behind a proxy too)', () => {
    const base = { headers: { host: 'hub.example' }, protocol: 'https', host: 'hub.example' };
    expect(() => assertSameOriginForCookie({ ...base, method: 'GET' })).not.toThrow();
    expect(() => assertSameOriginForCookie({ ...base, method: 'POST', headers: { ...base.headers, origin: 'https://hub.example' } })).not.toThrow();
    for (const origin of [undefined, 'null', 'http://hub.example', 'https://evil.example', 'https://hub.example.evil.example']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        expect(() => assertSameOriginForCookie({ ...base, method, headers: { ...base.headers, ...(origin ? { origin } : {}) } })).toThrow(/Origin/);
      }
    }
  });
});
