import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { AppConfig, AppException, Clock, decodeCursor, QUEUES, toPage } from '@mla/core';
import { CurrentUser, Principal, Roles } from '@mla/identity';
import { enqueueDeliveries, NotificationJobData } from '../notification-jobs';
import { DeliveryRow, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
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
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<NotificationJobData>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  async list(@CurrentUser() p: Principal, @Param('authorityId', uuid) authorityId: string, @Query() q: ListDeliveriesQueryDto): Promise<WebhookDeliveryListDto> {
    this.assertMayRead(p, authorityId);
    const limit = q.limit ?? 20;
    return toPage(await this.deliveries.page(authorityId, q.status, decodeCursor(q.cursor), limit + 1), limit, toDto);
  }

  /** Sends a DEAD delivery again, with a fresh round of attempts. */
  @Post(':deliveryId/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: only a DEAD delivery is retried' })
  async retry(
    @CurrentUser() p: Principal,
    @Param('authorityId', uuid) authorityId: string,
    @Param('deliveryId', new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('Delivery') })) deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    this.assertMayRead(p, authorityId);
    const delivery = await this.deliveries.find(authorityId, deliveryId);
    if (!delivery) throw AppException.notFound('Delivery');
    if (!(await this.deliveries.reopen(deliveryId))) {
      throw new AppException('INVALID_TRANSITION', `Only a DEAD delivery is retried; this one is ${delivery.status}`);
    }
    await enqueueDeliveries(this.queue, [{ outboxId: delivery.outboxId, jobId: `${delivery.outboxId}-retry-${this.clock.now().getTime()}` }], this.config.WEBHOOK_MAX_ATTEMPTS);
    return toDto((await this.deliveries.find(authorityId, deliveryId)) as DeliveryRow);
  }

  private assertMayRead(p: Principal, authorityId: string): void {
    if (p.role === 'SUPERVISOR' && p.authorityId !== authorityId) {
      // A supervisor sees the deliveries of their own authority only; others' do not exist for them.
      throw AppException.notFound('Authority');
    }
  }
}
