import { loadAppConfig } from '@mla/core';
import { sessionCookieName, sessionCookieOptions } from './session-cookie';

describe('the session cookie (DESIGN §12)', () => {
  it('is HttpOnly, SameSite=Strict, Path=/; Secure with the __Host- prefix in production only', () => {
    const production = loadAppConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: 'q3V9kz1R0bXn7m2PwYc4HtLs8Ue6JfAa5dGhKiOoNpQr' });
    expect(sessionCookieName(production)).toBe('__Host-mla_session');
    expect(sessionCookieOptions(production, 60)).toEqual({ httpOnly: true, sameSite: 'strict', path: '/', secure: true, maxAge: 60 });
    const development = loadAppConfig({ NODE_ENV: 'development' });
    expect(sessionCookieName(development)).toBe('mla_session');
    expect(sessionCookieOptions(development, 60)).toMatchObject({ httpOnly: true, sameSite: 'strict', path: '/', secure: false });
  });
});
