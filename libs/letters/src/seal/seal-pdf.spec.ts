import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderLetter } from '../render-letter';
import { sampleLetterInput } from '../sample-letter';
import { demoCertificates, DEMO_SEAL_PASSPHRASE, type DemoCertificate } from './demo-certificates';
import { readSealCertificate, SealCertificateRefused } from './seal-certificate';
import { sealPdf } from './seal-pdf';

const dir = mkdtempSync(join(tmpdir(), 'mla-seal-'));
const save = (name: string, pdf: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return path;
};
/** pdfsig answers 1..n when a signature does not verify (or the demo CA is untrusted): its report is what counts. */
function pdfsig(path: string): string {
  try {
    return execFileSync('pdfsig', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}
/** The text, and whatever poppler complains of (a malformed dictionary) on stderr. */
function pdftotext(path: string): { text: string; complaints: string } {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return { text: run.stdout, complaints: run.stderr };
}

describe('sealPdf: a PAdES signature pdfsig verifies (DESIGN §4)', () => {
  const now = new Date('2026-12-06T06:00:00Z');
  let demo: DemoCertificate;

  beforeAll(async () => {
    [demo] = (await demoCertificates([{ code: 'VN-CA', name: "Supreme People's Procuracy of Viet Nam", country: 'VN' }], new Date('2026-01-01T00:00:00Z'))) as [DemoCertificate];
  });

  it('reads the certificate: subject, issuer, validity; refuses a wrong password and a file that is no PKCS#12', () => {
    const info = readSealCertificate(demo.p12, DEMO_SEAL_PASSPHRASE, now);
    expect(info.subject).toBe("CN=Supreme People's Procuracy of Viet Nam (demo seal),OU=VN-CA,O=Supreme People's Procuracy of Viet Nam,C=VN");
    expect(info.issuer).toContain('CN=MLA Hub Demo CA');
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    const problem = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof SealCertificateRefused ? error.problem : `other: ${String(error)}`;
      }
      return 'accepted';
    };
    expect(problem(() => readSealCertificate(demo.p12, 'wrong password', now))).toBe('WRONG_PASSWORD');
    expect(problem(() => readSealCertificate(Buffer.from('not a certificate at all'), 'x', now))).toBe('NOT_PKCS12');
    expect(problem(() => readSealCertificate(demo.p12, DEMO_SEAL_PASSPHRASE, new Date('2040-01-01T00:00:00Z')))).toBe('NOT_VALID_NOW');
  });

  it.each([
    ['a short letter', { measures: 3, identifiers: 3 }],
    ['a long letter (many pages)', { measures: 40, identifiers: 60 }],
  ])('%s sealed: "Signature is Valid", signed by the authority, the whole document covered, its text intact', async (_name, options) => {
    const pdf = await renderLetter(sampleLetterInput(options), 'vi');
    const sealed = await sealPdf({ pdf, p12: demo.p12, passphrase: demo.passphrase, signerName: "Viện kiểm sát (central authority) \\ VN", location: 'VN', reason: 'Letter of request', signingTime: now });
    expect(sealed.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const path = save(`sealed-${options.measures ?? 0}.pdf`, sealed);
    const report = pdfsig(path);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain("Signer full Distinguished Name: CN=Supreme People's Procuracy of Viet Nam (demo seal),OU=VN-CA,O=Supreme People's Procuracy of Viet Nam,C=VN");
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(sealed.includes('/Name (Vien kiem sat central authority  VN)')).toBe(true);
    // The demo CA is no one's: valid, its issuer untrusted.
    expect(report).toContain("Certificate Validation: Certificate issuer isn't Trusted.");
    const read = pdftotext(path);
    expect(read.complaints).toBe('');
    expect(read.text).toBe(pdftotext(save(`unsealed-${options.measures ?? 0}.pdf`, pdf)).text);
  });

  it('a sealed letter changed by one byte no longer verifies', async () => {
    const pdf = await renderLetter(sampleLetterInput(), 'en');
    const sealed = await sealPdf({ pdf, p12: demo.p12, passphrase: demo.passphrase, signerName: 'VN-CA', location: 'VN', reason: 'Letter of request', signingTime: now });
    const i = sealed.indexOf('VN-2026-000042');
    sealed[i + 13] = '3'.charCodeAt(0);
    expect(pdfsig(save('tampered.pdf', sealed))).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)\./);
  });
});
