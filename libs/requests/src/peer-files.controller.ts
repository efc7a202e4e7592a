import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '@mla/core';
import { PeerFileListDto, PeerFilesService } from '@mla/federation';
import { CurrentUser, type Principal } from '@mla/identity';
import { FileStore, FileTransfer } from '@mla/storage';
import { RequestReader } from './reading/request-reader';

/** A request's files that cross between nodes by SHA-256 (DESIGN §15): who sees the request sees them. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class PeerFilesController {
  constructor(
    private readonly reader: RequestReader,
    private readonly files: PeerFilesService,
    private readonly store: FileStore,
  ) {}

  /**
   * The files of the request listed in messages between nodes: those a peer sent (IN:
   * ARRIVING until fetched and verified, then RECEIVED; FAILED after the last attempt) and
   * those this node sent (OUT: OFFERED to the peer).
   */
  @Get(':id/peer-files')
  @ApiOkResponse({ type: PeerFileListDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no request you can see' })
  async list(@CurrentUser() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<PeerFileListDto> {
    await this.reader.readVisible(p, id, 'peer_files');
    return this.files.ofRequest(id);
  }

  /** The bytes of a file a peer sent for the request, once received and verified, named after its file (Content-Disposition with `filename*`). */
  @Get(':id/peer-files/:sha256/content')
  @FileTransfer()
  @ApiParam({ name: 'sha256', description: 'The file’s SHA-256: 64 lower-case hex digits' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no request you can see, or no file of that SHA-256 from a peer' })
  @ApiConflictResponse({ description: 'CONFLICT: the file is still arriving, or could not be fetched' })
  async content(
    @CurrentUser() p: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('sha256') sha256: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.reader.readVisible(p, id, 'peer_file', { sha256 });
    const file = await this.files.received(id, sha256);
    const stream = await this.store.get(file.contentRef);
    await reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', file.sizeBytes)
      .header('content-disposition', contentDisposition(file.fileName, { fallback: `${file.sha256}.bin` }))
      .header('x-content-sha256', file.sha256)
      .send(stream);
  }
}
