import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@mla/core';
import { NodeIdentity } from './node-identity';
import { NodeDocumentDto } from './well-known.dto';

/** The node's identity document, outside the API prefix (RFC 8615). */
@ApiTags('federation')
@Public()
@Controller('.well-known/mla-hub')
export class WellKnownController {
  constructor(private readonly identity: NodeIdentity) {}

  /** This node's name, countries, URL, protocols and public keys (JWKS; the current key first, retired ones still listed). Public. */
  @Get()
  @ApiOkResponse({ type: NodeDocumentDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the node has no federation key (production without NODE_KEY_FILE)' })
  document(): NodeDocumentDto {
    return this.identity.document();
  }
}
