import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditRepository, AuditRow } from '@mla/audit';
import { AppException, decodeCursor, toPage } from '@mla/core';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { maySeeWebhook } from '../authorities/authorities.service';
import type { Principal } from '../principal';
import { AuditEntryDto, AuditListDto, ListAuditQueryDto } from './audit.dto';

/** A snapshot without the webhook URL, for a caller who may not see it. */
function withoutWebhook(snapshot: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!snapshot) return snapshot;
  const { webhookUrl: _hidden, ...rest } = snapshot;
  return rest;
}

function toDto(r: AuditRow, caller: Principal): AuditEntryDto {
  const hide = r.targetType === 'AUTHORITY' && !maySeeWebhook(caller, r.targetId);
  return {
    id: r.id,
    occurredAt: r.createdAt.toISOString(),
    actor: { userId: r.actorUserId, email: r.actorEmail },
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    changes: r.changes,
    before: hide ? withoutWebhook(r.before) : r.before,
    after: hide ? withoutWebhook(r.after) : r.after,
    countries: r.countries.map((c) => c.trim()),
  };
}

/**
 * The admin audit (DESIGN §2): a SUPERVISOR reads the changes touching their own country
 * (an authority of it; a user moved into, out of or within it), never another's; an ADMIN
 * reads every change, those of ADMIN accounts (no country) included. Others: 403.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('SUPERVISOR', 'ADMIN')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  /** Admin changes, newest first; filters by action, target type and target. */
  @Get()
  @ApiOkResponse({ type: AuditListDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only supervisors and admins read the audit' })
  async list(@CurrentUser() caller: Principal, @Query() q: ListAuditQueryDto): Promise<AuditListDto> {
    if (caller.role !== 'ADMIN' && !caller.country) throw AppException.forbidden('A supervisor without a country reads no audit');
    const limit = q.limit ?? 20;
    const country = caller.role === 'ADMIN' ? undefined : (caller.country as string);
    const rows = await this.audit.page({ country, action: q.action, targetType: q.targetType, targetId: q.targetId }, decodeCursor(q.cursor), limit + 1);
    return toPage(rows, limit, (r) => toDto(r, caller));
  }
}
