import { Controller, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Principal, Roles } from '@mla/identity';
import { SignedLetterDto, SignedLetterQueryDto } from '../dto/signed-letter.dto';
import { ExpectedVersion } from '../http/if-match.decorator';
import { uuidOf } from '../http/request-params';
import { StreamedUpload, streamedBody } from '../http/streamed-upload';
import { SignedLetterService } from './signed-letter.service';

const uuid = uuidOf('Request');

@ApiTags('requests')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such request, or one you may not see (NOT_FOUND)' })
@Controller('requests/:id/signed-letter')
export class SignedLetterController {
  constructor(private readonly signed: SignedLetterService) {}

  /**
   * Uploads the signed copy of the letter (OFFICER of the requesting side, while the request
   * is IN_REVIEW): the printed letter signed and stamped, scanned, or the PDF signed with your
   * own token; bound to the letter it signs by `letterSha256` (X-Content-SHA256 of GET
   * …/letter?lang= in the language it is sent in). `send` then goes with it when the letter it
   * renders has that SHA-256. A LETTER_SIGNED document, seen by the requested side from send on.
   */
  @Roles('OFFICER')
  @Post()
  @HttpCode(201)
  @StreamedUpload()
  @ApiCreatedResponse({ type: SignedLetterDto, description: 'Uploaded; the request has a new version (requestVersion)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only an officer of the requesting side uploads the signed letter' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT: the request changed since you read it' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: not IN_REVIEW; CONFLICT: this file is already attached' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over the size limit of a file or a quota' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED: language, fileName, sha256 or letterSha256; RULE_VIOLATED: the bytes do not hash to sha256' })
  async upload(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Query() query: SignedLetterQueryDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Req() req: FastifyRequest,
  ): Promise<SignedLetterDto> {
    const { body, length } = streamedBody(req);
    return this.signed.upload(p, id, query, body, length, expectedVersion);
  }
}
