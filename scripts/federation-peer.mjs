// Peers one node with another through the API, as an ADMIN would (DESIGN §15), for
// scripts/run-federation.sh: `node scripts/federation-peer.mjs <node url> <peer url> [admin e-mail] [password]`.
//
// It signs in as the node's admin, reads the peer's public document (GET /.well-known/mla-hub),
// computes the RFC 7638 thumbprint (SHA-256, base64url) of the peer's key with jose, and sends
// POST /api/v1/peers { url, keyThumbprint } to the node, then asks it to read the peer's
// directory (PATCH refresh_directory; given once both sides have peered). Here the script reads the thumbprint
// itself: it stands in for the out-of-band exchange of thumbprints between the two central
// authorities (a telephone call, a letter), which a real deployment must not skip — reading the
// key over the same connection it is meant to authenticate proves nothing.
//
// Signing in is one step in development: MFA_REQUIRED_ROLES is none there and the demo admin has no
// second factor, so no step-up is asked either (DESIGN §16); an admin with a factor is told to use the console.
//
// Exit 0 when peered (or already peered); 3 when either node has no federation API (404), after
// a note; 1 on any other failure, with the problem the API answered.
import { calculateJwkThumbprint } from 'jose';

const [nodeUrl, peerUrl, email = 'admin@example.org', password = 'demo-password-2026'] = process.argv.slice(2);
if (!nodeUrl || !peerUrl) {
  console.error('usage: node scripts/federation-peer.mjs <node url> <peer url> [admin e-mail] [password]');
  process.exit(2);
}
const NO_FEDERATION = 3;

async function call(url, init = {}) {
  const headers = { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers };
  const res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(30_000) }).catch((error) => {
    console.error(`${init.method ?? 'GET'} ${url}: ${error.cause?.message ?? error.message}`);
    process.exit(1);
  });
  const text = await res.text();
  const json = /^application\/([a-z.+-]+\+)?json/.test(res.headers.get('content-type') ?? '');
  let body = text;
  try {
    if (json) body = text ? JSON.parse(text) : null;
  } catch {
    // answered as text
  }
  return { status: res.status, json, body };
}

function fail(what, answer) {
  console.error(`${what}: ${answer.status} ${typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)}`);
  process.exit(1);
}

const known = await call(`${peerUrl}/.well-known/mla-hub`);
// Without the route, the API answers 404, or the console's page when it serves one (not JSON).
if (known.status === 404 || (known.status === 200 && !known.json)) {
  console.log(`Note: ${peerUrl} has no /.well-known/mla-hub (${known.status === 404 ? '404' : 'the console page answered'}): this build has no federation API yet, the nodes are not peered.`);
  process.exit(NO_FEDERATION);
}
if (known.status !== 200) fail(`GET ${peerUrl}/.well-known/mla-hub`, known);
const keys = known.body?.jwks?.keys ?? [];
if (keys.length === 0) fail(`${peerUrl}/.well-known/mla-hub lists no key`, known);
// Any key the peer lists will do for the check (DESIGN §15: one key's thumbprint must match); the first one.
const keyThumbprint = await calculateJwkThumbprint(keys[0], 'sha256');

const login = await call(`${nodeUrl}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
if (login.status !== 200) fail(`sign-in of ${email} on ${nodeUrl}`, login);
if (login.body?.mfaRequired) {
  console.error(`${email} on ${nodeUrl} has a second factor enrolled: peer the nodes from the console instead (Peers).`);
  process.exit(1);
}
const authorization = `Bearer ${login.body.accessToken}`;

const peered = await call(`${nodeUrl}/api/v1/peers`, { method: 'POST', headers: { authorization }, body: JSON.stringify({ url: peerUrl, keyThumbprint }) });
if (peered.status === 404) {
  console.log(`Note: ${nodeUrl} answers 404 to POST /api/v1/peers: this build has no peering API yet, the nodes are not peered.`);
  process.exit(NO_FEDERATION);
}
if (peered.status === 409) {
  console.log(`${nodeUrl}: ${known.body.nodeId ?? peerUrl} was already a peer (key ${keyThumbprint}).`);
} else {
  if (peered.status !== 200 && peered.status !== 201) fail(`POST ${nodeUrl}/api/v1/peers`, peered);
  console.log(`${nodeUrl}: peered with ${known.body.nodeId ?? peerUrl} (${(known.body.countries ?? []).join(', ')}), key thumbprint ${keyThumbprint}.`);
}

// The peer's directory of LOCAL authorities (DESIGN §15), read again: it is given only once the
// peer has peered with this node too (until then 422 PEER_UNREACHABLE, said and not an error).
const peers = await call(`${nodeUrl}/api/v1/peers`, { headers: { authorization } });
const peer = peers.status === 200 ? (peers.body.items ?? []).find((p) => p.nodeId === known.body.nodeId) : undefined;
if (peer) {
  const read = await call(`${nodeUrl}/api/v1/peers/${peer.id}`, { method: 'PATCH', headers: { authorization }, body: JSON.stringify({ action: 'refresh_directory' }) });
  if (read.status === 200) console.log(`${nodeUrl}: read the directory of ${peer.nodeId}: its authorities are PEER here.`);
  else if (read.status === 422 && read.body?.code === 'PEER_UNREACHABLE') console.log(`${nodeUrl}: ${peer.nodeId} gives its directory once it has peered with this node.`);
  // A build without directories answers 400 (an unknown action): nothing to read.
  else if (read.status !== 400) fail(`PATCH ${nodeUrl}/api/v1/peers/${peer.id} refresh_directory`, read);
}
