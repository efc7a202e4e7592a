import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { nodeRsaSigner } from './node-rsa-signer';
import { openPkcs12 } from './seal-certificate';

/**
 * @signpdf's P12Signer, the RSA operation done by node:crypto: the CMS (SignedData, detached,
 * SHA-256, the signing time and message digest as signed attributes, in the order EU
 * validators expect) built by node-forge as P12Signer builds it, with the certificate chain.
 */
export class NodeP12Signer extends Signer {
  constructor(
    private readonly p12: Buffer,
    private readonly passphrase: string,
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const { key, certificate, chain } = openPkcs12(this.p12, this.passphrase);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const c of chain) p7.addCertificate(c);
    p7.addSigner({
      key: nodeRsaSigner(key) as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256 as string,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime as string, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest as string },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}
