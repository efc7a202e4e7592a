/**
 * A sealing certificate as an ADMIN gives it (PKCS#12: the key and its certificate chain),
 * read with node-forge: what it says of its signer, or why it cannot seal. Pure.
 */
import forge from 'node-forge';

export interface SealCertificateInfo {
  /** The signer's distinguished name, as pdfsig prints it (CN=…,O=…,C=…). */
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the certificate's DER, hex. */
  sha256: string;
}

export type SealCertificateProblem = 'NOT_PKCS12' | 'WRONG_PASSWORD' | 'NO_KEY' | 'NO_CERTIFICATE' | 'KEY_MISMATCH' | 'NOT_VALID_NOW';

export class SealCertificateRefused extends Error {
  constructor(readonly problem: SealCertificateProblem, message: string) {
    super(message);
  }
}

/** A distinguished name as RFC 4514 writes it and pdfsig prints it, most significant last: `CN=…,O=…,C=VN`. */
function nameOf(attributes: forge.pki.CertificateField[]): string {
  return [...attributes].reverse().map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(',');
}

/** The key and the certificate that goes with it, from a PKCS#12 and its password. */
export function openPkcs12(p12: Buffer, passphrase: string): { key: forge.pki.rsa.PrivateKey; certificate: forge.pki.Certificate; chain: forge.pki.Certificate[] } {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  } catch {
    throw new SealCertificateRefused('NOT_PKCS12', 'the file is not a PKCS#12 (DER) file');
  }
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, true, passphrase);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/mac|password|decrypt|invalid/i.test(message) && !/too few bytes|asn\.?1/i.test(message)) throw new SealCertificateRefused('WRONG_PASSWORD', 'the password does not open this PKCS#12 file');
    throw new SealCertificateRefused('NOT_PKCS12', `the file is not a readable PKCS#12 file (${message})`);
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new SealCertificateRefused('NO_KEY', 'the PKCS#12 file holds no private key (an RSA key is needed)');
  const chain = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  if (chain.length === 0) throw new SealCertificateRefused('NO_CERTIFICATE', 'the PKCS#12 file holds no certificate');
  const certificate = chain.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n !== undefined && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!certificate) throw new SealCertificateRefused('KEY_MISMATCH', 'no certificate in the PKCS#12 file goes with its private key');
  return { key, certificate, chain };
}

/** What a PKCS#12 says of its signer; refused (SealCertificateRefused) when it cannot seal at `at`. */
export function readSealCertificate(p12: Buffer, passphrase: string, at: Date): SealCertificateInfo {
  const { certificate } = openPkcs12(p12, passphrase);
  const info: SealCertificateInfo = {
    subject: nameOf(certificate.subject.attributes),
    issuer: nameOf(certificate.issuer.attributes),
    serialNumber: certificate.serialNumber,
    notBefore: certificate.validity.notBefore,
    notAfter: certificate.validity.notAfter,
    sha256: forge.md.sha256.create().update(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes()).digest().toHex(),
  };
  if (at < info.notBefore || at > info.notAfter) {
    throw new SealCertificateRefused('NOT_VALID_NOW', `the certificate is valid from ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()}, not now`);
  }
  return info;
}
