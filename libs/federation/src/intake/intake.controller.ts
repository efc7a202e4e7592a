import { Controller, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiPayloadTooLargeResponse,
  ApiSecurity, ApiTags, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@mla/core';
import { MessageEnvelopeDto, MessageReceiptDto } from './envelope.dto';
import { IntakeService } from './intake.service';
import { rawBodyOf, type IntakeRequest } from './raw-body';

/** The security scheme of the peers' calls in the OpenAPI document (a signature, not a session). */
export const PEER_SIGNATURE_SCHEME = 'peerSignature';

/** Messages from peer nodes (DESIGN §15), outside the API prefix: no session, a node's RFC 9421 signature. */
@ApiTags('federation')
@Public()
@ApiSecurity(PEER_SIGNATURE_SCHEME)
@Controller('federation/v1')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  /**
   * Receives a peer's message, signed per RFC 9421 over @method, @target-uri, content-type and
   * content-digest (RFC 9530) with created, expires (at most 5 minutes later) and keyid. Every
   * answer carries a receipt signed by this node (JWS, EdDSA); a refusal records nothing.
   */
  @Post('messages')
  @ApiBody({ type: MessageEnvelopeDto })
  @ApiHeader({ name: 'Signature-Input', required: true, description: 'RFC 9421: sig=("@method" "@target-uri" "content-type" "content-digest");created=…;expires=…;keyid="<thumbprint>"' })
  @ApiHeader({ name: 'Signature', required: true, description: 'RFC 9421: sig=:<Ed25519 signature, base64>:' })
  @ApiHeader({ name: 'Content-Digest', required: true, description: 'RFC 9530: sha-256=:<base64>:' })
  @ApiAcceptedResponse({ type: MessageReceiptDto, description: 'Accepted and kept (or the same message again: the same receipt)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a malformed envelope (signed refusal)' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no signature, an unknown key, a bad signature or digest, a time outside the window (signed refusal; nothing recorded)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a suspended peer, from.node not the signing peer, or a country the peer does not serve (signed refusal)' })
  @ApiConflictResponse({ description: 'CONFLICT: the same id with another body (signed refusal)' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE (signed refusal)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: not application/json (signed refusal)' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: addressed to another node or country (signed refusal)' })
  async receive(@Req() request: IntakeRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = rawBodyOf(request);
    const answer = await this.intake.receive({
      method: request.method,
      url: request.url,
      headers: request.headers,
      contentType: request.federationContentType ?? '',
      body,
      requestId: String(request.id),
    });
    // A body refused unread: the connection is closed after the answer, the rest never read.
    if (body.bytes === null) reply.header('connection', 'close');
    await reply.status(answer.status).header('content-type', answer.contentType).send(JSON.stringify(answer.body));
  }
}
