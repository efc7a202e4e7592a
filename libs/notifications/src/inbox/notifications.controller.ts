import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppException, Clock, decodeCursor, toPage } from '@mla/core';
import { CurrentUser, Principal } from '@mla/identity';
import { ListNotificationsQueryDto, NotificationDto, NotificationListDto } from './notification.dto';
import { NotificationRow, NotificationsRepository } from './notifications.repository';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('Notification') });

function toDto(r: NotificationRow): NotificationDto {
  return {
    id: r.id,
    type: r.type,
    requestId: r.requestId,
    language: r.language,
    title: r.title,
    body: r.body,
    payload: r.payload,
    occurredAt: r.occurredAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
    recipientUserId: r.recipientUserId,
  };
}

/** The inbox of the caller's authority (DESIGN §7), in its language, newest first. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'ADMIN belongs to no authority and has no inbox' })
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  /** The caller's authority's inbox, newest first, in its language (filters: unread, type; cursor paging). */
  @Get()
  @ApiOkResponse({ type: NotificationListDto })
  async list(@CurrentUser() p: Principal, @Query() q: ListNotificationsQueryDto): Promise<NotificationListDto> {
    const authorityId = this.authorityOf(p);
    const limit = q.limit ?? 20;
    const rows = await this.notifications.page(authorityId, p.userId, q.unread === true, decodeCursor(q.cursor), limit + 1);
    return toPage(rows, limit, toDto);
  }

  /** Marks a notification read; the first read time is kept. */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: 'No such notification in your inbox' })
  async read(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(this.authorityOf(p), p.userId, id, this.clock.now());
    if (!row) throw AppException.notFound('Notification');
    return toDto(row);
  }

  private authorityOf(p: Principal): string {
    if (!p.authorityId) throw AppException.forbidden('An administrator belongs to no authority and has no inbox');
    return p.authorityId;
  }
}
