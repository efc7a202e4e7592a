import { ApiProperty } from '@nestjs/swagger';
import { IsBase64, IsString, MaxLength, MinLength } from 'class-validator';

/** A sealing certificate as an ADMIN sets it: a PKCS#12 file (the key and its chain) and its password. */
export class SetSealCertificateDto {
  /** The PKCS#12 (.p12, .pfx) file, base64. */
  @IsString()
  @MinLength(16)
  @MaxLength(200_000)
  @IsBase64(undefined, { message: 'pkcs12 must be the PKCS#12 file in base64' })
  pkcs12: string;

  /** The password that opens it. */
  @IsString()
  @MaxLength(500)
  password: string;
}

/** The certificate an authority seals its letters with (its key stays in the node's secret store). */
export class SealCertificateDto {
  @ApiProperty({ format: 'uuid' })
  authorityId: string;
  /** The signer's distinguished name, as a PDF reader shows it (CN=…,O=…,C=…). */
  subject: string;
  issuer: string;
  serialNumber: string;
  @ApiProperty({ format: 'date-time' })
  notBefore: string;
  @ApiProperty({ format: 'date-time' })
  notAfter: string;
  /** SHA-256 of the certificate (DER), hex. */
  sha256: string;
  @ApiProperty({ format: 'date-time' })
  setAt: string;
}
