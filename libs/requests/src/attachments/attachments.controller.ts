import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '@mla/core';
import { FileTransfer } from '@mla/storage';
import { CurrentUser, Principal, Roles } from '@mla/identity';
import { AttachmentDto, AttachmentListDto, AttachQueryDto } from '../dto/attachment.dto';
import { answer, IF_NONE_MATCH } from '../http/conditional-read';
import { ExpectedVersion } from '../http/if-match.decorator';
import { etagOf } from '../request.presenter';
import { AttachmentsService } from './attachments.service';
import { IF_MATCH, uuidOf } from '../http/request-params';
import { StreamedUpload, streamedBody } from '../http/streamed-upload';

const uuid = uuidOf('Request');
const documentId = uuidOf('Supporting document');

@ApiTags('requests')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such request or document, or one you may not see (NOT_FOUND)' })
@Controller('requests/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /**
   * Attaches a supporting document to a draft (PROSECUTOR of the requesting authority): the body is
   * the file (application/octet-stream), streamed, size-limited, kept only if it hashes to `sha256`.
   * A scan of correspondence with an OFFLINE counterpart (kind CORRESPONDENCE) is attached the same
   * way by an OFFICER of the side facing it, in any non-terminal state (DESIGN §14).
   */
  @Roles('PROSECUTOR', 'OFFICER')
  @Post()
  @StreamedUpload()
  @ApiCreatedResponse({ type: AttachmentDto, description: 'Attached; ETag is the request’s new version' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only a prosecutor of the requesting authority attaches documents; correspondence, only an officer of the side facing an OFFLINE counterpart' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT: the request changed since you read it' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: documents are frozen from submit on; CONFLICT: this file is already attached' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over the size limit of a file or the request’s quota' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED: kind, language, fileName or sha256; RULE_VIOLATED: the bytes do not hash to sha256' })
  async attach(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Query() query: AttachQueryDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentDto> {
    const { body, length } = streamedBody(req);
    const created = await this.attachments.attach(p, id, query, body, length, expectedVersion);
    reply.header('location', `/api/v1/requests/${id}/attachments/${created.id}`);
    return created;
  }

  /** The supporting documents of the request (the requested side sees them from `send` on). */
  @Get()
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: AttachmentListDto })
  @ApiResponse({ status: 304, description: 'Not modified: your copy (If-None-Match) is current' })
  async list(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentListDto> {
    const read = await this.attachments.list(p, id, ifNoneMatch);
    return answer(reply, read.notModified ? read : { ...read, body: { items: read.body } });
  }

  /** A document's file, as stored (always application/octet-stream; X-Content-SHA256 gives its hash). */
  @Get(':attachmentId/content')
  @FileTransfer()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('attachmentId', documentId) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { row, stream } = await this.attachments.download(p, id, attachmentId);
    await reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', row.sizeBytes)
      .header('content-disposition', contentDisposition(row.fileName, { fallback: 'document.bin' }))
      .header('x-content-sha256', row.sha256)
      .send(stream);
  }

  /** Removes a document from a draft (PROSECUTOR of the requesting authority); its event stays in the chain. */
  @Roles('PROSECUTOR')
  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Removed; ETag is the request’s new version' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only a prosecutor of the requesting authority removes documents' })
  @ApiPreconditionFailedResponse({ description: 'VERSION_CONFLICT: the request changed since you read it' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: documents are frozen from submit on' })
  async remove(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('attachmentId', documentId) attachmentId: string,
    @ExpectedVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    reply.header('etag', etagOf(await this.attachments.remove(p, id, attachmentId, expectedVersion)));
  }
}
