import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiProperty, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@mla/core';
import { PEER_SIGNATURE_SCHEME } from '../intake/intake.controller';
import { DirectoryService } from './directory.service';

export class SignedDirectoryDto {
  /**
   * A compact JWS (RFC 7515, EdDSA, `typ` mla-hub-directory+json, `kid` the signing key's
   * thumbprint) whose payload is `{ nodeId, countries, issuedAt, authorities: [{ code, country,
   * kind, names, timezone, languages, channels, address, email }] }`: this node's LOCAL authorities.
   */
  @ApiProperty()
  directory: string;
}

/** This node's directory for its peers (DESIGN §15), outside the API prefix: no session, a peer's RFC 9421 signature. */
@ApiTags('federation')
@Public()
@ApiSecurity(PEER_SIGNATURE_SCHEME)
@Controller('federation/v1')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  /**
   * This node's LOCAL authorities (public facts only), signed by this node's key, for an ACTIVE
   * peer whose GET is signed per RFC 9421 over @method and @target-uri (a GET has no body: no
   * content-type, no content-digest) with created, expires (at most 5 minutes later) and keyid.
   */
  @Get('directory')
  @ApiHeader({ name: 'Signature-Input', required: true, description: 'RFC 9421: sig=("@method" "@target-uri");created=…;expires=…;keyid="<thumbprint>"' })
  @ApiHeader({ name: 'Signature', required: true, description: 'RFC 9421: sig=:<Ed25519 signature, base64>:' })
  @ApiOkResponse({ type: SignedDirectoryDto })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no signature, an unknown key, a bad signature, a time outside the window (signed refusal)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a suspended peer (signed refusal)' })
  async read(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.directory.serve({ method: request.method, url: request.url, headers: request.headers, requestId: String(request.id) });
    await reply.status(answer.status).header('content-type', answer.contentType).header('cache-control', 'no-store').send(JSON.stringify(answer.body));
  }
}
