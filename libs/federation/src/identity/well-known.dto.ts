import { ApiProperty } from '@nestjs/swagger';

/** A node's public key (RFC 7517, RFC 8037). */
export class NodeJwkDto {
  @ApiProperty({ enum: ['OKP'] })
  kty: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] })
  crv: 'Ed25519';
  /** The public key (32 bytes, base64url). */
  x: string;
  /** Its RFC 7638 thumbprint (SHA-256, base64url): the `keyid` of the node's signatures and the `kid` of its receipts. */
  kid: string;
  @ApiProperty({ enum: ['EdDSA'] })
  alg: 'EdDSA';
  @ApiProperty({ enum: ['sig'] })
  use: 'sig';
}

export class NodeJwksDto {
  /** The current key first, then the retired keys still listed. */
  @ApiProperty({ type: [NodeJwkDto] })
  keys: NodeJwkDto[];
}

/** A node's identity, as its peers read it (DESIGN §15). */
export class NodeDocumentDto {
  /** The node's DNS-style name, e.g. vn.mla.example. */
  nodeId: string;
  /** The countries whose authorities are LOCAL on the node (empty: the single-node mode, which federates with no one). */
  @ApiProperty({ type: [String], example: ['VN'] })
  countries: string[];
  /** Its public base URL. */
  url: string;
  @ApiProperty({ type: [String], example: ['mla-hub/1'] })
  protocols: string[];
  jwks: NodeJwksDto;
}
