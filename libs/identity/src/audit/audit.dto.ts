import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditAction, type AuditTargetType } from '@mla/audit';
import { PageQueryDto } from '@mla/core';

export class AuditActorDto {
  /** The ADMIN who made the change. */
  userId: string;
  email: string;
}

/** One admin change (DESIGN §2): who, when, what, and the countries it touches. */
export class AuditEntryDto {
  id: string;
  /** When the change was made. */
  occurredAt: string;
  actor: AuditActorDto;
  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: AuditAction;
  @ApiProperty({ enum: AUDIT_TARGET_TYPES })
  targetType: AuditTargetType;
  /** The authority's or the user's id. */
  targetId: string;
  /** The fields changed (every field set, at creation); `password` and `webhookSecret` say that one was set, never its value. */
  changes: string[];
  /**
   * The target's fields before the change (null at creation). An authority's `webhookUrl`
   * is left out for a supervisor of another authority (as in `GET /authorities`).
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  before: Record<string, unknown> | null;
  /** The target's fields after the change. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  after: Record<string, unknown> | null;
  /** The countries the change touches: the authority's; a user's old and new authority's; every country for an account made ADMIN (none for other changes of an ADMIN account). */
  countries: string[];
}

export class AuditListDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items: AuditEntryDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES })
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: AuditTargetType;

  /** Only the changes of this authority or user. */
  @IsOptional()
  @IsUUID()
  targetId?: string;
}
