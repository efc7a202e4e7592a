import { spawn } from 'node:child_process';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { peerNodes } from '../support/peering';
import { databaseUrl } from '../support/test-env';
import { Nodes, RunningNode, startTwoNodes } from '../support/two-nodes';

/**
 * What a node keeps to itself (issue 20, "Done when"; DESIGN §15): with a VN node and an SG
 * node peered, a VN draft addressed to SG that was never sent, and another request sent to SG
 * and arrived there, a `pg_dump` of the SG database holds nothing of the draft (its id, its
 * reference, the text of its facts and title), while it does hold the request sent, its id and
 * facts (the check finds what is there); and neither database holds a private key: no PEM private key, no JWK
 * private member `d`, nothing of either node's key file nor of its sealing keys' files.
 *
 * A dump writes bytea and large objects as hex and signed content as base64url: each text is
 * looked for as written, in hex and in base64/base64url (at each of the three alignments).
 */
const PG_DUMP = process.env.PG_DUMP ?? ['/usr/lib/postgresql/15/bin/pg_dump'].find((p) => existsSync(p)) ?? 'pg_dump';
const ARRIVAL_MS = 60_000;

/**
 * The forms a text takes in a plain-format dump: as written (a Buffer: as latin1), hex
 * (bytea, large objects), base64 and base64url at each alignment (texts of 12 bytes or more).
 */
function forms(text: string | Buffer): string[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const found = [Buffer.isBuffer(text) ? bytes.toString('latin1') : text, bytes.toString('hex')];
  if (bytes.length < 12) return found;
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Only the characters made of the text's bytes alone (whole 3-byte groups).
    const from = Math.ceil(shift / 3) * 4;
    const to = Math.floor((shift + bytes.length) / 3) * 4;
    const inner = encoded.slice(from, to);
    found.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return found;
}

/** Which of `needles` (name → text) appear in `dump`, in any of their forms. */
function appearing(dump: string, needles: Record<string, string | Buffer>): string[] {
  return Object.entries(needles)
    .filter(([, text]) => forms(text).some((form) => dump.includes(form)))
    .map(([name]) => name);
}

/** The node's whole database as `pg_dump` writes it (plain SQL, data and large objects). */
function dump(node: RunningNode): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PG_DUMP, ['--no-password', '--format=plain', '--blobs', `--dbname=${databaseUrl(node.databaseName)}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`pg_dump exited ${code}: ${err}`))));
  });
}

/** Polls (bounded) until `check` answers true. */
async function until(what: string, check: () => Promise<boolean>, within = ARRIVAL_MS): Promise<void> {
  const end = Date.now() + within;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${within} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('federation: what a node keeps to itself (e2e, two nodes, pg_dump)', () => {
  let pair: Nodes & { vn: RunningNode; sg: RunningNode };
  const mark = randomBytes(6).toString('hex');
  const draftText = { facts: `Quokka lantern ${mark}: the informant met the suspect at the harbour.`, title: `Unsent draft ${mark} about the harbour` };
  const sentText = { facts: `Marmoset compass ${mark}: victims paid after messages from the account.` };
  let draft: { id: string; reference: string };
  let sent: { id: string; reference: string };
  let dumps: { vn: string; sg: string };

  beforeAll(async () => {
    pair = await startTwoNodes();
    const { vn, sg } = pair;
    await peerNodes(vn, sg);
    const prosecutor = await vn.login('prosecutor@vn.example');
    const officer = await vn.login('officer@vn.example');
    const [sgCa] = await vn.sql<{ id: string; reach: string }>(`SELECT id, reach FROM authorities WHERE code = 'SG-CA'`);
    expect(sgCa?.reach).toBe('PEER');
    const call = async (bearer: string, path: string, body: unknown, status: number) => {
      const res = await vn.fetch(path, { method: 'POST', headers: { authorization: bearer, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { id: string; reference: string; state: string };
      if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const request = (over: Record<string, unknown>) => ({
      type: 'SUBSCRIBER_INFO', priority: 'ROUTINE', channel: 'CENTRAL_AUTHORITY', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa?.id,
      title: 'Subscriber of the account used in an online fraud', offence: { description: 'Online fraud against 120 victims', provision: 'Penal Code art. 174' },
      measures: ['Produce the subscriber information of account X'], identifiers: [{ kind: 'EMAIL', value: `holder-${mark}@example.com` }],
      language: 'en',
      details: {
        criminalMatterCertificate: 'The Supreme People’s Procuracy certifies that the request is made in respect of a criminal matter.',
        maximumPenalty: 'Life imprisonment (Penal Code 2015, art. 174(4)).',
        offenceMeasureLink: 'The account received the victims’ payments; its subscriber data identify who holds it.',
        reciprocityUndertaking: 'Viet Nam will comply with a future request by Singapore for similar assistance.',
      },
      ...over,
    });
    // The draft: complete, addressed to SG, even submitted for review, but never sent.
    draft = await call(prosecutor, '/requests', request(draftText), 201);
    expect((await call(prosecutor, `/requests/${draft.id}/transitions`, { action: 'submit' }, 200)).state).toBe('IN_REVIEW');
    sent = await call(prosecutor, '/requests', request(sentText), 201);
    await call(prosecutor, `/requests/${sent.id}/transitions`, { action: 'submit' }, 200);
    expect((await call(officer, `/requests/${sent.id}/transitions`, { action: 'send' }, 200)).state).toBe('SENT');
    await until('the request sent, in SG’s inbox', async () => (await sg.sql(`SELECT 1 FROM federation_inbox WHERE request_id = $1`, [sent.id])).length === 1);
    await until('its message DELIVERED on VN', async () => (await vn.sql<{ state: string }>(`SELECT state FROM federation_outbox WHERE request_id = $1`, [sent.id]))[0]?.state === 'DELIVERED');
    dumps = { vn: await dump(vn), sg: await dump(sg) };
  }, 240_000);
  afterAll(() => pair?.close(), 60_000);

  it('dumps SG’s database with the request sent in it (the check finds what is there)', () => {
    expect(appearing(dumps.sg, { id: sent.id, reference: sent.reference, facts: sentText.facts })).toEqual(['id', 'reference', 'facts']);
    // And VN's dump holds the draft: the forms looked for are the ones a dump writes.
    expect(appearing(dumps.vn, { id: draft.id, reference: draft.reference, facts: draftText.facts, title: draftText.title })).toEqual(['id', 'reference', 'facts', 'title']);
  });

  it('keeps nothing of a VN draft never sent in SG’s database: not its id, reference, facts nor title', () => {
    expect(appearing(dumps.sg, { id: draft.id, facts: draftText.facts, title: draftText.title })).toEqual([]);
    // Its reference as text and as bytes: cut to whole base64 groups, a 14-character reference is only its first 12,
    // the prefix every reference of that year shares (the sent request's, which SG keeps, included).
    expect([draft.reference, Buffer.from(draft.reference).toString('hex')].filter((form) => dumps.sg.includes(form))).toEqual([]);
    // Not even a piece of its text.
    expect(appearing(dumps.sg, { mark: `Quokka lantern ${mark}` })).toEqual([]);
  });

  it('holds no private key in either database: no PEM private key, no JWK `d`, nothing of a key file', () => {
    const secrets: Record<string, string | Buffer> = {};
    for (const node of [pair.vn, pair.sg]) {
      const pem = readFileSync(node.keyFile, 'utf8');
      expect(pem).toMatch(/-----BEGIN PRIVATE KEY-----/);
      secrets[`${node.name} key file`] = pem;
      secrets[`${node.name} key, PKCS#8 DER`] = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
      const jwk = createPrivateKey(pem).export({ format: 'jwk' });
      secrets[`${node.name} key, JWK d`] = Buffer.from(jwk.d as string, 'base64url');
      const seals = join(dirname(node.keyFile), 'seal-keys');
      for (const file of existsSync(seals) ? readdirSync(seals) : []) {
        const stored = JSON.parse(readFileSync(join(seals, file), 'utf8')) as { sealed: string };
        secrets[`${node.name} seal ${file}`] = Buffer.from(stored.sealed, 'base64url');
      }
    }
    for (const [name, text] of Object.entries(dumps)) {
      expect([name, appearing(text, secrets)]).toEqual([name, []]);
      expect([name, appearing(text, { pem: 'PRIVATE KEY-----', encryptedPem: 'ENCRYPTED PRIVATE KEY' })]).toEqual([name, []]);
      // A JWK's private member, as JSON and jsonb write it.
      expect([name, /PRIVATE KEY|"d": ?"/.exec(text)?.[0] ?? null]).toEqual([name, null]);
    }
  });
});
