import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '@mla/core';

export class NotificationDto {
  id: string;
  /** e.g. request.sent, deadline.reminder, deadline.escalated. */
  type: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  requestId: string | null;
  /** The language the text is rendered in (the recipient authority's). */
  language: string;
  title: string;
  body: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;
  occurredAt: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  readAt: string | null;
  /** Set when the notification names one user (an escalation to a supervisor). */
  @ApiPropertyOptional({ nullable: true, type: String })
  recipientUserId: string | null;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] })
  items: NotificationDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}

export class ListNotificationsQueryDto extends PageQueryDto {
  /** true: only the unread ones. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

}
