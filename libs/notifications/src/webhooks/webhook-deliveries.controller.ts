import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AppException, decodeCursor, toPage } from '@mla/core';
import { CurrentUser, Principal, Roles } from '@mla/identity';
import { DeliveryRow, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookRetryService } from './webhook-retry.service';
import { ListDeliveriesQueryDto, WebhookDeliveryDto, WebhookDeliveryListDto } from './webhook-delivery.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('Authority') });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDto(r: DeliveryRow): WebhookDeliveryDto {
  return {
    id: r.id,
    outboxId: r.outboxId,
    type: r.type,
    requestId: r.requestId,
    url: r.url,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    lastAttemptAt: iso(r.lastAttemptAt),
    deliveredAt: iso(r.deliveredAt),
    deadAt: iso(r.deadAt),
  };
}

/** Webhook delivery records of an authority: for its supervisors and for admins (DESIGN §7). */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('ADMIN', 'SUPERVISOR')
@Controller('authorities/:authorityId/webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly retries: WebhookRetryService,
  ) {}

  /** The authority's webhook deliveries, newest first (filter: status; cursor paging), with their attempts. */
  @Get()
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only an admin or a supervisor of this authority reads its deliveries' })
  async list(@CurrentUser() p: Principal, @Param('authorityId', uuid) authorityId: string, @Query() q: ListDeliveriesQueryDto): Promise<WebhookDeliveryListDto> {
    this.retries.assertMayRead(p, authorityId);
    const limit = q.limit ?? 20;
    return toPage(await this.deliveries.page(authorityId, q.status, decodeCursor(q.cursor), limit + 1), limit, toDto);
  }

  /** Sends a DEAD delivery again, with a fresh round of attempts. */
  @Post(':deliveryId/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: only a DEAD delivery is retried' })
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE: the queue (Redis) is down; the delivery stays DEAD' })
  async retry(
    @CurrentUser() p: Principal,
    @Param('authorityId', uuid) authorityId: string,
    @Param('deliveryId', new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('Delivery') })) deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return toDto(await this.retries.retry(p, authorityId, deliveryId));
  }
}
