/**
 * A demo certificate chain (DESIGN §4: the demo seed seals out of the box): a demo CA, and
 * for each sending authority a certificate it issues, as a PKCS#12 with its key. Keys from
 * node:crypto, certificates and PKCS#12 from node-forge. Never for production: the CA is no
 * one's, so a PDF reader says the signature is valid and its issuer not trusted.
 */
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { nodeRsaSigner, type ForgeSigningKey } from './node-rsa-signer';

const keyPair = promisify(generateKeyPair);

export interface DemoSigner {
  /** The authority's code (the certificate's OU) and name (its CN). */
  code: string;
  name: string;
  country: string;
}

export interface DemoCertificate {
  code: string;
  p12: Buffer;
  passphrase: string;
}

export const DEMO_SEAL_PASSPHRASE = 'demo-seal-passphrase';

interface Keys {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  /** Signs a forge SHA-256 digest with node:crypto (forge's own RSA is slow JavaScript). */
  signer: ForgeSigningKey;
}

async function forgeKeys(): Promise<Keys> {
  const { privateKey, publicKey } = await keyPair('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
    signer: nodeRsaSigner(privateKey),
  };
}

function certificate(publicKey: forge.pki.PublicKey, serial: string, subject: forge.pki.CertificateField[], issuer: forge.pki.CertificateField[], from: Date, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = from;
  cert.validity.notAfter = new Date(Date.UTC(from.getUTCFullYear() + years, from.getUTCMonth(), from.getUTCDate()));
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  return cert;
}

/** The demo CA and one PKCS#12 per signer, valid from `from` for ten years. */
export async function demoCertificates(signers: readonly DemoSigner[], from: Date): Promise<DemoCertificate[]> {
  const ca = await forgeKeys();
  const caName = [{ shortName: 'C', value: 'VN' }, { shortName: 'O', value: 'MLA Hub demo' }, { shortName: 'CN', value: 'MLA Hub Demo CA (not trusted)' }];
  const caCert = certificate(ca.publicKey, '01', caName, caName, from, 20);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
  caCert.sign(ca.signer as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const out: DemoCertificate[] = [];
  for (const [i, s] of signers.entries()) {
    const keys = await forgeKeys();
    const subject = [{ shortName: 'C', value: s.country }, { shortName: 'O', value: s.name }, { shortName: 'OU', value: s.code }, { shortName: 'CN', value: `${s.name} (demo seal)` }];
    const cert = certificate(keys.publicKey, (i + 2).toString(16).padStart(2, '0'), subject, caName, from, 10);
    cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]);
    cert.sign(ca.signer as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, caCert], DEMO_SEAL_PASSPHRASE, { algorithm: '3des' });
    out.push({ code: s.code, p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase: DEMO_SEAL_PASSPHRASE });
  }
  return out;
}
