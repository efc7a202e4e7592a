import { Injectable } from '@nestjs/common';
import { AppException, Clock, decodeCursor, PageQueryDto, toPage } from '@mla/core';
import type { Principal } from '@mla/identity';
import type { RequestRow } from '../request.row';
import { sideOf } from '../visibility';
import { AccessKind, AccessLogRepository, AccessRow } from './access-log.repository';
import type { AccessEntryDto, AccessLogDto } from './access-log.dto';

/**
 * The access log of confidential requests (DESIGN §2): every read of one — the request, its
 * events, evidence, documents, letter, files, an action's answer, this log — by whom, when, what. The requesting side's
 * supervisors read all of it; on the requested side, the officers of the requested authority
 * and the supervisors read the reads of their own side (the other side's reads are its own).
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly log: AccessLogRepository,
    private readonly clock: Clock,
  ) {}

  /** Records a read of `row` by `p`, when the request is confidential. */
  async recordRead(p: Principal, row: RequestRow, what: AccessKind, detail: Record<string, unknown> = {}): Promise<void> {
    if (!row.confidential) return;
    await this.log.insert({ requestId: row.id, userId: p.userId, role: p.role, authorityId: p.authorityId, country: p.country, what, detail, at: this.clock.now() });
  }

  async list(p: Principal, row: RequestRow, q: PageQueryDto): Promise<AccessLogDto> {
    const side = sideOf(p, row);
    const requestingSupervisor = p.role === 'SUPERVISOR' && side === 'REQUESTING';
    const requestedReader = side === 'REQUESTED' && (p.role === 'SUPERVISOR' || (p.role === 'OFFICER' && p.authorityId === row.requestedAuthorityId));
    if (!requestingSupervisor && !requestedReader) {
      throw AppException.forbidden("The access log is for the requesting side's supervisors, and on the requested side for its supervisors and the requested authority's officers");
    }
    // Who read the log is itself recorded, before the page is read (so the page shows this read).
    await this.recordRead(p, row, 'access_log');
    const limit = q.limit ?? 50;
    const rows = await this.log.page(row.id, requestingSupervisor ? null : p.country, decodeCursor(q.cursor), limit + 1);
    return toPage(rows, limit, toAccessEntryDto);
  }
}

function toAccessEntryDto(r: AccessRow): AccessEntryDto {
  return {
    id: r.id,
    at: r.at.toISOString(),
    user: { id: r.userId, email: r.email, role: r.role, authorityId: r.authorityId, authorityCode: r.authorityCode, country: r.country },
    what: r.what,
    detail: r.detail,
  };
}
