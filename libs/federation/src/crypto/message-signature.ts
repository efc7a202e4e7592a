import type { KeyObject } from 'node:crypto';
import { createSigner, createVerifier, httpbis } from 'http-message-signatures';
import { parseDictionary } from 'structured-headers';
import { checkContentDigest, contentDigest } from './content-digest';

/** What a federation message's signature covers (DESIGN §15), each without parameters. */
export const SIGNED_COMPONENTS: readonly string[] = ['@method', '@target-uri', 'content-type', 'content-digest'];
/** What a GET's signature covers (a GET has no body: no content-type, no content-digest). */
export const SIGNED_GET_COMPONENTS: readonly string[] = ['@method', '@target-uri'];
/** The components a request of `method` is signed over: a GET without the body's, every other method with them. */
export const componentsFor = (method: string): readonly string[] => (method.toUpperCase() === 'GET' ? SIGNED_GET_COMPONENTS : SIGNED_COMPONENTS);
/** The longest a signature may live: `expires` at most this many seconds after `created`. */
export const MAX_SIGNATURE_SECONDS = 300;
/** How far the two nodes' clocks may disagree (a `created` this far ahead is still accepted). */
export const CLOCK_SKEW_SECONDS = 30;
/**
 * The library's own time checks read the system time; the window is checked here with the
 * injected clock instead (`checkWindow`), so its tolerance is set beyond any date.
 */
const LIBRARY_TIME_CHECKS_OFF = 1e12;

/** The node's current signing key: the private key and its RFC 7638 thumbprint (the `keyid`). */
export interface SigningKeyRef {
  privateKey: KeyObject;
  kid: string;
}

export interface OutgoingRequest {
  method: string;
  /** The full target URI, as the receiver will rebuild it from its NODE_URL. */
  url: string;
  contentType: string;
  body: Uint8Array;
}

/**
 * Signs an outgoing request (RFC 9421) over @method, @target-uri, content-type and
 * content-digest (RFC 9530, computed here) with `created`, `expires` and `keyid`. Answers
 * the headers to send: content-type, content-digest, signature-input, signature. A GET is
 * signed over @method and @target-uri only (it has no body): signature-input and signature.
 */
export async function signRequest(request: OutgoingRequest, key: SigningKeyRef, now: Date, lifetimeSeconds = MAX_SIGNATURE_SECONDS): Promise<Record<string, string>> {
  if (!(lifetimeSeconds > 0 && lifetimeSeconds <= MAX_SIGNATURE_SECONDS)) throw new RangeError(`a signature lives 1 to ${MAX_SIGNATURE_SECONDS} seconds`);
  const created = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const fields = componentsFor(request.method);
  const headers: Record<string, string> = fields === SIGNED_GET_COMPONENTS ? {} : { 'content-type': request.contentType, 'content-digest': contentDigest(request.body) };
  const signed = await httpbis.signMessage(
    {
      key: createSigner(key.privateKey, 'ed25519', key.kid),
      name: 'sig',
      params: ['created', 'expires', 'keyid'],
      fields: [...fields],
      paramValues: { created, expires: new Date(created.getTime() + lifetimeSeconds * 1000) },
    },
    { method: request.method.toUpperCase(), url: request.url, headers },
  );
  // Lower-case names, as HTTP/2 and Node's parser give them.
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** Why an incoming request's signature is refused (each answers 401). */
export type SignatureProblem = 'UNSIGNED' | 'MALFORMED_SIGNATURE' | 'BAD_DIGEST' | 'OUTSIDE_WINDOW' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE';

export interface IncomingRequest {
  method: string;
  /** This node's own URL of the request (NODE_URL and the path), never the Host the client sent. */
  targetUri: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes as received. */
  body: Uint8Array;
}

export interface SignatureParams {
  keyid: string;
  created: Date;
  expires: Date;
}

export type VerifyResult<K> = ({ ok: true; owner: K } & SignatureParams) | { ok: false; problem: SignatureProblem; detail: string };

/** The key a `keyid` names, with whatever the caller wants back (the peer), or null when unknown. */
export type KeyLookup<K> = (keyid: string) => Promise<{ publicKey: KeyObject; owner: K } | null>;

const fail = (problem: SignatureProblem, detail: string) => ({ ok: false as const, problem, detail });

/**
 * Verifies an incoming request: exactly one signature, covering exactly SIGNED_COMPONENTS
 * (a GET: exactly SIGNED_GET_COMPONENTS, and no body), with integer `created` and `expires` and a `keyid` (and `alg`, if given, ed25519); the
 * Content-Digest recomputed from the body's bytes; the window checked with `now` (the
 * injected clock); the key looked up by `keyid`; the signature verified by the library.
 */
export async function verifyRequest<K>(request: IncomingRequest, lookup: KeyLookup<K>, now: Date): Promise<VerifyResult<K>> {
  // Field names are case-insensitive (Node gives them in lower case already).
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name.toLowerCase()] = value;
  const input = single(headers['signature-input']);
  const signature = single(headers['signature']);
  if (input === undefined && signature === undefined) return fail('UNSIGNED', 'The message carries no Signature and Signature-Input (RFC 9421)');
  if (input === undefined || signature === undefined) return fail('MALFORMED_SIGNATURE', 'Signature and Signature-Input go together');
  const components = componentsFor(request.method);
  const params = readSignatureInput(input, components);
  if (typeof params === 'string') return fail('MALFORMED_SIGNATURE', params);
  const digest = components === SIGNED_GET_COMPONENTS
    ? (request.body.length > 0 ? 'a GET carries no body' : null)
    : checkContentDigest(headers['content-digest'], request.body);
  if (digest) return fail('BAD_DIGEST', `Content-Digest (RFC 9530, sha-256) does not prove the body: ${digest}`);
  const window = checkWindow(params, now);
  if (window) return fail('OUTSIDE_WINDOW', window);
  const key = await lookup(params.keyid);
  if (!key) return fail('UNKNOWN_KEY', `No peer of this node has the key ${params.keyid}`);
  let valid: boolean | null = false;
  try {
    valid = await httpbis.verifyMessage(
      {
        keyLookup: async () => ({ id: params.keyid, algs: ['ed25519'], verify: createVerifier(key.publicKey, 'ed25519') }),
        requiredFields: [...components],
        requiredParams: ['created', 'expires', 'keyid'],
        tolerance: LIBRARY_TIME_CHECKS_OFF,
        notAfter: Number.MAX_SAFE_INTEGER,
      },
      { method: request.method.toUpperCase(), url: request.targetUri, headers },
    );
  } catch {
    valid = false;
  }
  if (valid !== true) return fail('BAD_SIGNATURE', 'The signature does not verify with the key it names');
  return { ok: true, owner: key.owner, ...params };
}

function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(', ');
  return value === '' ? undefined : value;
}

/** The one signature's parameters, or why the Signature-Input is refused. */
export function readSignatureInput(header: string, components: readonly string[] = SIGNED_COMPONENTS): SignatureParams | string {
  let dictionary;
  try {
    dictionary = parseDictionary(header);
  } catch {
    return 'Signature-Input is not a structured dictionary (RFC 8941)';
  }
  if (dictionary.size !== 1) return `Signature-Input must carry exactly one signature (it carries ${dictionary.size})`;
  const [member] = [...dictionary.values()];
  const [items, params] = member as [unknown, Map<string, unknown>];
  if (!Array.isArray(items)) return 'Signature-Input must list the covered components';
  const names = items.map((item: [unknown, Map<string, unknown>]) => (typeof item[0] === 'string' && item[1].size === 0 ? item[0] : null));
  const covered = new Set(names);
  if (names.includes(null) || covered.size !== names.length || names.length !== components.length || !components.every((c) => covered.has(c))) {
    return `The signature must cover exactly ${components.map((c) => `"${c}"`).join(' ')}, without parameters`;
  }
  const created = params.get('created');
  const expires = params.get('expires');
  const keyid = params.get('keyid');
  const alg = params.get('alg');
  if (!Number.isSafeInteger(created) || !Number.isSafeInteger(expires)) return 'The signature must carry created and expires (integer seconds)';
  if (typeof keyid !== 'string' || keyid.length === 0 || keyid.length > 100) return 'The signature must carry a keyid';
  if (alg !== undefined && alg !== 'ed25519') return 'The signature algorithm must be ed25519';
  return { keyid, created: new Date((created as number) * 1000), expires: new Date((expires as number) * 1000) };
}

/** Why the signature's times are not acceptable now, or null: `expires` at most 5 minutes after `created`, `now` between them (with the clock skew). */
export function checkWindow(params: Pick<SignatureParams, 'created' | 'expires'>, now: Date): string | null {
  const lifetime = (params.expires.getTime() - params.created.getTime()) / 1000;
  if (lifetime <= 0) return 'The signature expires before it was created';
  if (lifetime > MAX_SIGNATURE_SECONDS) return `The signature lives ${lifetime} s: expires may be at most ${MAX_SIGNATURE_SECONDS} s after created`;
  const skew = CLOCK_SKEW_SECONDS * 1000;
  if (params.created.getTime() > now.getTime() + skew) return `The signature was created in the future (${params.created.toISOString()}; now ${now.toISOString()})`;
  if (now.getTime() > params.expires.getTime() + skew) return `The signature expired at ${params.expires.toISOString()} (now ${now.toISOString()})`;
  return null;
}
