import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiSecurity, ApiTags, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@mla/core';
import { PEER_SIGNATURE_SCHEME } from '../intake/intake.controller';
import { FileServingService } from './file-serving.service';

/** The files this node sent its peers, by SHA-256 (DESIGN §15), outside the API prefix: no session, a peer's RFC 9421 signature. */
@ApiTags('federation')
@Public()
@ApiSecurity(PEER_SIGNATURE_SCHEME)
@Controller('federation/v1/files')
export class FilesController {
  constructor(private readonly files: FileServingService) {}

  /**
   * The bytes of a file this node listed in a message to the calling peer, streamed
   * (Content-Length, Content-Digest sha-256), for an ACTIVE peer whose GET is signed per
   * RFC 9421 over @method and @target-uri with created, expires (at most 5 minutes later) and keyid.
   */
  @Get(':sha256')
  @ApiParam({ name: 'sha256', description: 'The file’s SHA-256: 64 lower-case hex digits' })
  @ApiHeader({ name: 'Signature-Input', required: true, description: 'RFC 9421: sig=("@method" "@target-uri");created=…;expires=…;keyid="<thumbprint>"' })
  @ApiHeader({ name: 'Signature', required: true, description: 'RFC 9421: sig=:<Ed25519 signature, base64>:' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file’s bytes; Content-Digest: sha-256=:<base64>: (RFC 9530)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: not a SHA-256 in lower-case hex (signed refusal)' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no signature, an unknown key, a bad signature, a time outside the window (signed refusal)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a suspended peer (signed refusal)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no file of that SHA-256 was sent to this peer (signed refusal)' })
  async read(@Param('sha256') sha256: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const served = await this.files.serve({ method: request.method, url: request.url, headers: request.headers, requestId: String(request.id) }, sha256);
    if (!served.ok) {
      await reply.status(served.answer.status).header('content-type', served.answer.contentType).header('cache-control', 'no-store').send(JSON.stringify(served.answer.body));
      return;
    }
    const { file } = served;
    await reply
      .status(200)
      .header('content-type', 'application/octet-stream')
      .header('content-length', file.sizeBytes)
      .header('content-digest', file.contentDigest)
      .header('cache-control', 'no-store')
      .send(file.stream);
  }
}
