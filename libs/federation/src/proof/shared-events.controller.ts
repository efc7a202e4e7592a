import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@mla/core';
import { PEER_SIGNATURE_SCHEME } from '../intake/intake.controller';
import { SharedEventsService } from './shared-events.service';

export class SharedEventJwsDto {
  @ApiProperty()
  seq: number;
  /** The shared event as its origin node signed it: a compact JWS (RFC 7515, EdDSA, `typ` mla-hub-event+json), verbatim. */
  @ApiProperty()
  jws: string;
}

export class SharedEventsCopyDto {
  @ApiProperty({ format: 'uuid' })
  requestId: string;
  /** This node's copy of the request's shared events, in seq order. */
  @ApiProperty({ type: [SharedEventJwsDto] })
  events: SharedEventJwsDto[];
}

/** A request's shared events for the peer that is its counterpart (DESIGN §15), outside the API prefix: no session, a peer's RFC 9421 signature. */
@ApiTags('federation')
@Public()
@ApiSecurity(PEER_SIGNATURE_SCHEME)
@Controller('federation/v1')
export class SharedEventsController {
  constructor(private readonly sharedEvents: SharedEventsService) {}

  /**
   * This node's copy of a request's shared events, each JWS verbatim (the peer compares it with
   * its own: `events/verify?witness=peer`), for the ACTIVE peer that is the request's
   * counterpart, whose GET is signed per RFC 9421 over @method and @target-uri with created,
   * expires (at most 5 minutes later) and keyid.
   */
  @Get('requests/:id/shared-events')
  @ApiHeader({ name: 'Signature-Input', required: true, description: 'RFC 9421: sig=("@method" "@target-uri");created=…;expires=…;keyid="<thumbprint>"' })
  @ApiHeader({ name: 'Signature', required: true, description: 'RFC 9421: sig=:<Ed25519 signature, base64>:' })
  @ApiOkResponse({ type: SharedEventsCopyDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: the id is not a UUID (signed refusal)' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no signature, an unknown key, a bad signature, a time outside the window (signed refusal)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a suspended peer (signed refusal)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no request sent to or from a country this peer serves has this id (signed refusal)' })
  async read(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.sharedEvents.serve({ method: request.method, url: request.url, headers: request.headers, requestId: String(request.id) }, id);
    await reply.status(answer.status).header('content-type', answer.contentType).header('cache-control', 'no-store').send(JSON.stringify(answer.body));
  }
}
