import type { DataSource } from 'typeorm';
import { DEMO_AUTHORITIES } from '@mla/identity';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCertificates, readSealCertificate, type DemoCertificate } from '@mla/letters';
import type { SealKeyStore } from './seal-key-store';

const SENDING = DEMO_AUTHORITIES.filter((a) => a.kind === 'CENTRAL_AUTHORITY' || a.kind === 'CONTACT_POINT_24_7');

/** Made once per process: a test run starts many apps, each seeding its own store. */
let made: Promise<DemoCertificate[]> | null = null;

/**
 * The demo chain, kept in the system's temporary folder between processes (a test run starts
 * one per file; the demo restarts): made again when missing, unreadable or expiring within a year.
 */
const KEPT = join(tmpdir(), 'mla-hub-demo-seals-v1.json');

async function demoChain(now: Date): Promise<DemoCertificate[]> {
  try {
    const kept = JSON.parse(await readFile(KEPT, 'utf8')) as { until: string; certificates: { code: string; p12: string; passphrase: string }[] };
    if (new Date(kept.until).getTime() - now.getTime() > 365 * 86_400_000 && SENDING.every((a) => kept.certificates.some((c) => c.code === a.code))) {
      return kept.certificates.map((c) => ({ ...c, p12: Buffer.from(c.p12, 'base64') }));
    }
  } catch {
    // none kept yet, or unreadable: made anew
  }
  const from = new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 1));
  const certificates = await demoCertificates(SENDING.map((a) => ({ code: a.code, name: a.name, country: a.country })), from);
  const until = new Date(Date.UTC(from.getUTCFullYear() + 10, 0, 1)).toISOString();
  const temporary = `${KEPT}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ until, certificates: certificates.map((c) => ({ ...c, p12: c.p12.toString('base64') })) }), { mode: 0o600 });
  await rename(temporary, KEPT);
  return certificates;
}

/**
 * The demo seed's sealing certificates (README's walk stays one step): each demo central
 * authority and 24/7 point that has none gets one from a demo CA. Idempotent; answers how
 * many it set. `countries`: a node's NODE_COUNTRIES (DESIGN §15): only its own authorities seal
 * here (another country's, OFFLINE or PEER on this node, gets none); null, the single-node mode: all.
 */
export async function seedDemoSeals(dataSource: DataSource, store: SealKeyStore, now: Date, countries: readonly string[] | null = null): Promise<number> {
  const codes = SENDING.filter((a) => countries === null || countries.includes(a.country)).map((a) => a.code);
  const rows = (await dataSource.query(`SELECT id, code FROM authorities WHERE code = ANY($1) AND ($2::text[] IS NULL OR (reach = 'LOCAL' AND country = ANY($2::text[])))`, [codes, countries])) as { id: string; code: string }[];
  const missing: { id: string; code: string }[] = [];
  for (const row of rows) if (!(await store.info(row.id))) missing.push(row);
  if (missing.length === 0) return 0;
  made ??= demoChain(now);
  const certificates = await made;
  for (const row of missing) {
    const demo = certificates.find((c) => c.code === row.code);
    if (!demo) continue;
    const read = readSealCertificate(demo.p12, demo.passphrase, now);
    await store.put(row.id, demo.p12, demo.passphrase, {
      subject: read.subject, issuer: read.issuer, serialNumber: read.serialNumber,
      notBefore: read.notBefore.toISOString(), notAfter: read.notAfter.toISOString(), sha256: read.sha256,
      setAt: now.toISOString(), setBy: 'demo-seed',
    });
  }
  return missing.length;
}
