import { Injectable } from '@nestjs/common';
import { AppException } from '@mla/core';
import type { Principal } from '@mla/identity';
import type { AccessKind } from '../access-log/access-log.repository';
import { AccessLogService } from '../access-log/access-log.service';
import { canSee } from '../domain/visibility';
import type { RequestRow } from '../request.row';
import { RequestsRepository } from '../requests.repository';

/**
 * The read side's one way to a request: 404 for what the caller may not see, and every read
 * of a confidential request in its access log. Used by the request, its history, evidence,
 * supporting documents and letter (none of them goes through RequestsService).
 */
@Injectable()
export class RequestReader {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly accessLog: AccessLogService,
  ) {}

  /** The request if the caller may see it; 404 otherwise, exactly as if it did not exist. */
  async visibleRow(p: Principal, id: string): Promise<RequestRow> {
    const row = await this.requests.findRow(null, id);
    if (!row || !canSee(p, row)) throw AppException.notFound('Request');
    return row;
  }

  /** visibleRow() for a read of (part of) the request: recorded in the access log when the request is confidential. */
  async readVisible(p: Principal, id: string, what: AccessKind, detail: Record<string, unknown> = {}): Promise<RequestRow> {
    const row = await this.visibleRow(p, id);
    await this.accessLog.recordRead(p, row, what, detail);
    return row;
  }

  /** Records a read of part of a request the caller may see (the access log of a confidential one). */
  recordRead(p: Principal, row: RequestRow, what: AccessKind, detail: Record<string, unknown> = {}): Promise<void> {
    return this.accessLog.recordRead(p, row, what, detail);
  }
}
