import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '@mla/core';
import { CurrentUser, Principal } from '@mla/identity';
import { LetterQueryDto } from '../dto/attachment.dto';
import { LettersService } from './letters.service';
import { uuidOf } from '../http/request-params';

const uuid = uuidOf('Request');

@ApiTags('requests')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such request, or one you may not see (NOT_FOUND)' })
@Controller('requests/:id/letter')
export class LetterController {
  constructor(private readonly letters: LettersService) {}

  /**
   * The letter of request as an A4 PDF, labels in `lang`, content as written: the letter as
   * sent (X-Letter-Frozen: true, its SHA-256 the one in the send event) when it was sent in
   * that language (of a request a peer node sent: the letter its message listed, once
   * received); otherwise rendered now, for final editing and signature.
   */
  @Get()
  @ApiConflictResponse({ description: 'CONFLICT: the letter a peer node sent is still arriving, or could not be fetched' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    headers: {
      'X-Letter-Frozen': { description: 'true: the bytes frozen at send; false: rendered now', schema: { type: 'string', enum: ['true', 'false'] } },
      'X-Content-SHA256': { description: 'The SHA-256 of the PDF', schema: { type: 'string' } },
    },
  })
  async letter(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Query() query: LetterQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const letter = await this.letters.letter(p, id, query.lang ?? 'en');
    await reply
      .header('content-type', 'application/pdf')
      .header('content-length', letter.pdf.length)
      .header('content-disposition', contentDisposition(`${letter.reference}-${letter.language}.pdf`, { inline: true }))
      .header('cache-control', 'private, no-store')
      .header('x-letter-frozen', String(letter.frozen))
      .header('x-content-sha256', letter.sha256)
      .send(letter.pdf);
  }
}
