import { describe, expect, it } from 'vitest';
import { actionBody, actionsOf, addBody, countriesText, federates, isPeerProblem, peerSchema, refreshSchema, thumbprintOf } from './peers';

const kid = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('the peers screen', () => {
  it('takes an http(s) base URL and a 43-character base64url thumbprint', () => {
    expect(peerSchema.safeParse({ url: 'https://sg.mla.example', keyThumbprint: kid }).success).toBe(true);
    expect(peerSchema.safeParse({ url: ' http://127.0.0.1:4100/ ', keyThumbprint: ` ${kid} ` }).success).toBe(true);
    expect(issues(peerSchema.safeParse({ url: 'sg.mla.example', keyThumbprint: kid }))).toEqual([['url', 'peers.errors.url']]);
    expect(issues(peerSchema.safeParse({ url: 'ftp://sg.mla.example', keyThumbprint: kid }))).toEqual([['url', 'peers.errors.url']]);
    expect(issues(peerSchema.safeParse({ url: 'https://sg.mla.example/?a=1', keyThumbprint: kid }))).toEqual([['url', 'peers.errors.url']]);
    expect(issues(peerSchema.safeParse({ url: '', keyThumbprint: '' }))).toEqual([['url', 'peers.errors.url'], ['keyThumbprint', 'peers.errors.thumbprint']]);
  });

  it('refuses a thumbprint of another length or alphabet (padding, base64 + and /, hex)', () => {
    for (const bad of [kid.slice(1), `${kid}A`, `${kid.slice(0, 42)}=`, `${kid.slice(0, 42)}+`, `${kid.slice(0, 42)}/`, 'a'.repeat(64), `${kid.slice(0, 21)} ${kid.slice(22)}`])
      expect(issues(peerSchema.safeParse({ url: 'https://sg.mla.example', keyThumbprint: bad }))).toEqual([['keyThumbprint', 'peers.errors.thumbprint']]);
  });

  it('re-reads keys with the kept thumbprint or a new well-formed one', () => {
    expect(refreshSchema.safeParse({ keyThumbprint: '' }).success).toBe(true);
    expect(refreshSchema.safeParse({ keyThumbprint: kid }).success).toBe(true);
    expect(issues(refreshSchema.safeParse({ keyThumbprint: 'abc' }))).toEqual([['keyThumbprint', 'peers.errors.thumbprint']]);
    expect(actionBody('refresh_keys', '')).toEqual({ action: 'refresh_keys' });
    expect(actionBody('refresh_keys', ` ${kid}`)).toEqual({ action: 'refresh_keys', keyThumbprint: kid });
    expect(actionBody('suspend', kid)).toEqual({ action: 'suspend' });
  });

  it('sends the URL without trailing slashes, the values trimmed', () => {
    expect(addBody({ url: ' https://sg.mla.example// ', keyThumbprint: ` ${kid}\n` })).toEqual({ url: 'https://sg.mla.example', keyThumbprint: kid });
  });

  it('offers suspend to an active peer, resume to a suspended one, re-reading keys to both', () => {
    expect(actionsOf({ state: 'ACTIVE' })).toEqual(['suspend', 'refresh_keys', 'refresh_directory']);
    expect(actionsOf({ state: 'SUSPENDED' })).toEqual(['resume', 'refresh_keys']);
  });

  it('tells the single-node mode (no countries) from a federating node, and gives the current key’s thumbprint', () => {
    expect(federates({ countries: [] })).toBe(false);
    expect(federates(undefined)).toBe(false);
    expect(federates({ countries: ['VN'] })).toBe(true);
    expect(thumbprintOf({ jwks: { keys: [{ kid, kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', x: 'x' }] } })).toBe(kid);
    expect(thumbprintOf(undefined)).toBe('');
  });

  it('words the refusals of peering itself, leaving others to the common problem texts', () => {
    for (const code of ['PEER_KEY_MISMATCH', 'PEER_UNREACHABLE', 'CONFLICT', 'RULE_VIOLATED', 'INVALID_TRANSITION']) expect(isPeerProblem(code)).toBe(true);
    for (const code of ['VALIDATION_FAILED', 'STEP_UP_REQUIRED', 'FORBIDDEN', 'NETWORK']) expect(isPeerProblem(code)).toBe(false);
  });

  it('writes countries out in the reader’s language', () => {
    expect(countriesText(['VN', 'SG'], 'en')).toBe('Singapore and Vietnam');
    expect(countriesText(['SG'], 'vi')).toBe('Singapore');
    expect(countriesText(['VN', 'LA'], 'vi')).toBe('Lào và Việt Nam');
  });
});
