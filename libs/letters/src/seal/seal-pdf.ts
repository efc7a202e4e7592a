/**
 * Seals a PDF (DESIGN §4): a PAdES signature (ETSI.CAdES.detached, SHA-256) made with a
 * PKCS#12 certificate by @signpdf, in a signature field added to the PDF as it is (the
 * placeholder written after its last byte, an incremental update). pdfsig and any PDF reader
 * verify it. The CMS is node-forge's, its RSA operation node:crypto's (NodeP12Signer). Runs in
 * the render pool's worker.
 */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { NodeP12Signer } from './p12-signer';

export interface SealInput {
  pdf: Uint8Array;
  p12: Uint8Array;
  passphrase: string;
  /** Who seals, as the signature names it (the authority's name). */
  signerName: string;
  /** Where (the authority's country). */
  location: string;
  reason: string;
  /** The signing time written into the signature (the send's instant). */
  signingTime: Date;
}

/** Room for the CMS signature with a chain of a few certificates (hex digits: twice that). */
const SIGNATURE_BYTES = 16_384;

/**
 * A text as the signature dictionary's literal strings carry it: @signpdf writes them as
 * they are, so only printable ASCII (diacritics dropped: "Viện" → "Vien"), no backslash,
 * parentheses balanced by dropping them.
 */
export function pdfLiteral(text: string): string {
  return text.normalize('NFKD').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '').replace(/[\\()]/g, '').trim();
}

export async function sealPdf(input: SealInput): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(input.pdf),
    reason: pdfLiteral(input.reason),
    contactInfo: '',
    name: pdfLiteral(input.signerName),
    location: pdfLiteral(input.location),
    signingTime: input.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // A PDF name: no space.
    appName: 'MLA-Hub',
  });
  const signer = new NodeP12Signer(Buffer.from(input.p12), input.passphrase);
  return new SignPdf().sign(withPlaceholder, signer, input.signingTime);
}
