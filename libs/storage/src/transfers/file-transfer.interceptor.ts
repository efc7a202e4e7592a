import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { finalize, from, Observable, switchMap } from 'rxjs';
import { FileTransfers } from './file-transfers';

/**
 * Marks a route as a file transfer (an upload: PUT or POST with the file as its body; a
 * download: GET): it runs only with a place among the caller's concurrent transfers, watched
 * for a minimum rate (FileTransfers). Runs after the auth guard, before a byte is read.
 */
@Injectable()
export class FileTransferInterceptor implements NestInterceptor {
  constructor(private readonly transfers: FileTransfers) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: { userId: string } }>();
    const reply = http.getResponse<FastifyReply>();
    const userId = request.principal?.userId;
    if (!userId) return next.handle();
    const direction = request.method === 'GET' ? 'download' : 'upload';
    return from(this.transfers.begin(userId, direction, request.raw, reply.raw)).pipe(
      switchMap((transfer) => next.handle().pipe(finalize(() => transfer.end()))),
    );
  }
}

/** The route is a file upload or download (FileTransferInterceptor). */
export const FileTransfer = () => UseInterceptors(FileTransferInterceptor);
