import { applyDecorators } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ApiBody, ApiConsumes, ApiHeader, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppException } from '@mla/core';
import { FileTransfer } from '@mla/storage';
import { IF_MATCH } from './request-params';

/**
 * A route that takes a document's file as its body (application/octet-stream), streamed, on
 * a change of the request (If-Match): the file transfer's limits and its OpenAPI description.
 */
export function StreamedUpload(): MethodDecorator {
  return applyDecorators(
    FileTransfer(),
    ApiHeader(IF_MATCH),
    ApiConsumes('application/octet-stream'),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
    ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: send the file as application/octet-stream' }),
  );
}

/** The streamed body of such a route and the length it declares (Content-Length; null: none); 415 when it is not a stream. */
export function streamedBody(req: FastifyRequest): { body: Readable; length: number | null } {
  if (!(req.body instanceof Readable)) throw new AppException('UNSUPPORTED_MEDIA_TYPE', 'Send the file as application/octet-stream');
  const length = Number(req.headers['content-length']);
  return { body: req.body, length: Number.isSafeInteger(length) ? length : null };
}
