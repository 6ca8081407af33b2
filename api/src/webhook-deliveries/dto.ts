import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATES } from '@streamforge/core';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ListEnvelope, ListQuery } from '../common/list';

export class ListDeliveriesQuery extends ListQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'Only deliveries in this state.' })
  @IsOptional()
  @IsIn(DELIVERY_STATES as readonly string[])
  state?: (typeof DELIVERY_STATES)[number];
}

export class RedeliverDto {
  @ApiPropertyOptional({
    example: 'we_4eC39HqLyjWDarjtT1zdp7dc',
    description: 'Only to this endpoint (it need not be subscribed to the type). Default: every subscribed one.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^we_[0-9A-Za-z]{1,64}$/, { message: 'must be a webhook endpoint id (we_…)' })
  webhook_endpoint?: string;
}

export class WebhookDeliveryObject {
  @ApiProperty({
    example: 'msg_2Zf9kQ0pXyWq8LrT4bNcVd1e',
    description: 'Also the `webhook-id` header of every attempt.',
  })
  id!: string;
  @ApiProperty({ enum: ['webhook_delivery'] }) object!: 'webhook_delivery';
  @ApiProperty({ example: 1764072000 }) created!: number;
  @ApiProperty() livemode!: boolean;
  @ApiProperty({ example: 'evt_4eC39HqLyjWDarjtT1zdp7dc' }) event_id!: string;
  @ApiProperty({ example: 'video.ready' }) event_type!: string;
  @ApiProperty({ example: 'we_4eC39HqLyjWDarjtT1zdp7dc' }) webhook_endpoint_id!: string;
  @ApiProperty({
    enum: ['automatic', 'manual', 'test'],
    description: '`automatic` when the event happened, `manual` from redeliver, `test` from the test endpoint.',
  })
  trigger!: string;
  @ApiProperty({
    enum: DELIVERY_STATES,
    description:
      '`pending` until a 2xx (`succeeded`), a 410 or a disabled endpoint (`failed`) or the last attempt (`exhausted`).',
  })
  state!: string;
  @ApiProperty({ description: 'Attempts made so far.' }) attempts!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'When the next attempt is due (unix seconds), while pending.',
  })
  next_attempt_at!: number | null;
  @ApiProperty({ nullable: true, type: Number }) last_attempt_at!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "The receiver's HTTP status of the last attempt." })
  last_status_code!: number | null;
  @ApiProperty({ nullable: true, type: Number }) last_duration_ms!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'timed out after 15000 ms' }) last_error!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'At most 64 KiB of what the receiver answered.' })
  last_response_body!: string | null;
}

export class WebhookDeliveryList extends ListEnvelope {
  @ApiProperty({ type: [WebhookDeliveryObject] }) data!: WebhookDeliveryObject[];
}
