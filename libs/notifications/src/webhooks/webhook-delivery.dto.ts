import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@mla/core';

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD'] as const;

export class WebhookDeliveryDto {
  id: string;
  /** Also the `webhook-id` header: the receiver's key to drop duplicates. */
  outboxId: string;
  type: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  requestId: string | null;
  url: string;
  @ApiProperty({ enum: DELIVERY_STATUSES })
  status: string;
  attempts: number;
  @ApiPropertyOptional({ nullable: true, type: Number })
  lastStatusCode: number | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  lastError: string | null;
  createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  lastAttemptAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  deliveredAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  deadAt: string | null;
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  items: WebhookDeliveryDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];
}
