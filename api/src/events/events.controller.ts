import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiErrors, ApiIdempotent } from '../common/openapi-errors';
import { InRequestTransaction } from '../common/request-transaction';
import { DeliveriesService } from '../webhook-deliveries/deliveries.service';
import { ListDeliveriesQuery, RedeliverDto, WebhookDeliveryList } from '../webhook-deliveries/dto';
import { EVENT_SCHEMA, EVENT_SCHEMAS, EventIdParam, EventList, ListEventsQuery } from './dto';
import { EventsService } from './events.service';

@ApiTags('Events')
@ApiBearerAuth()
@ApiBasicAuth()
@ApiExtraModels(...EVENT_SCHEMAS)
@Controller('v1/events')
@InRequestTransaction()
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly deliveries: DeliveriesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List events',
    description: 'Every state change, newest first. Each event is written in the same transaction as its change.',
  })
  @ApiResponse({ status: 200, type: EventList })
  @ApiErrors(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListEventsQuery) {
    return this.events.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Retrieve an event',
    description: 'Exactly the body webhook deliveries of this event carry. `data.object` depends on `type`.',
  })
  @ApiResponse({ status: 200, schema: EVENT_SCHEMA })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: EventIdParam) {
    return this.events.get(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "List an event's webhook deliveries", description: 'Newest first; filter by `state`.' })
  @ApiResponse({ status: 200, type: WebhookDeliveryList })
  @ApiErrors(400, 401, 403, 404)
  listDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: EventIdParam,
    @Query() query: ListDeliveriesQuery,
  ) {
    return this.deliveries.listForEvent(principal, id, query);
  }

  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiIdempotent()
  @ApiOperation({
    summary: 'Send an event again',
    description:
      'To one endpoint (`webhook_endpoint`), or to every enabled endpoint subscribed to its type. Each ' +
      'redelivery is a new delivery with its own `webhook-id` and a full retry schedule.',
  })
  @ApiResponse({ status: 202, type: WebhookDeliveryList })
  @ApiErrors(400, 401, 403, 404)
  redeliver(@CurrentPrincipal() principal: Principal, @Param() { id }: EventIdParam, @Body() dto: RedeliverDto) {
    return this.deliveries.redeliver(principal, id, dto.webhook_endpoint);
  }
}
