import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ListQuery } from '../common/list';
import { ApiErrors, ApiIdempotent } from '../common/openapi-errors';
import { InRequestTransaction } from '../common/request-transaction';
import {
  CreateWebhookEndpointDto,
  DeletedWebhookEndpoint,
  RotateSecretDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointIdParam,
  WebhookEndpointList,
  WebhookEndpointObject,
} from './dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { DeliveriesService } from '../webhook-deliveries/deliveries.service';
import { ListDeliveriesQuery, WebhookDeliveryList, WebhookDeliveryObject } from '../webhook-deliveries/dto';

@ApiTags('Webhook endpoints')
@ApiBearerAuth()
@ApiBasicAuth()
@Controller('v1/webhook_endpoints')
@InRequestTransaction()
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: DeliveriesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List webhook endpoints', description: 'Newest first. Secrets are never listed.' })
  @ApiResponse({ status: 200, type: WebhookEndpointList })
  @ApiErrors(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.endpoints.list(principal, query);
  }

  @Post()
  @ApiIdempotent()
  @ApiOperation({
    summary: 'Create a webhook endpoint',
    description: 'Returns the `whsec_` signing secret once. Deliveries follow the Standard Webhooks spec.',
  })
  @ApiResponse({ status: 201, type: WebhookEndpointObject })
  @ApiErrors(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookEndpointDto) {
    return this.endpoints.create(principal, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a webhook endpoint' })
  @ApiResponse({ status: 200, type: WebhookEndpointObject })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: WebhookEndpointIdParam) {
    return this.endpoints.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update a webhook endpoint',
    description: 'URL, events, description; `disabled` pauses deliveries.',
  })
  @ApiResponse({ status: 200, type: WebhookEndpointObject })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: WebhookEndpointIdParam,
    @Body() dto: UpdateWebhookEndpointDto,
  ) {
    return this.endpoints.update(principal, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook endpoint' })
  @ApiResponse({ status: 200, type: DeletedWebhookEndpoint })
  @ApiErrors(400, 401, 403, 404)
  remove(@CurrentPrincipal() principal: Principal, @Param() { id }: WebhookEndpointIdParam) {
    return this.endpoints.remove(principal, id);
  }

  @Post(':id/rotate_secret')
  @HttpCode(200)
  @ApiIdempotent()
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: 'Returns the new secret once; the previous one keeps signing alongside it for `expires_in` seconds.',
  })
  @ApiResponse({ status: 200, type: WebhookEndpointObject })
  @ApiErrors(400, 401, 403, 404)
  rotateSecret(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: WebhookEndpointIdParam,
    @Body() dto: RotateSecretDto,
  ) {
    return this.endpoints.rotateSecret(principal, id, dto.expires_in);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "List an endpoint's deliveries",
    description:
      "Newest first, with each delivery's attempts, last status, duration, error and response; filter by `state`.",
  })
  @ApiResponse({ status: 200, type: WebhookDeliveryList })
  @ApiErrors(400, 401, 403, 404)
  listDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: WebhookEndpointIdParam,
    @Query() query: ListDeliveriesQuery,
  ) {
    return this.deliveries.listForEndpoint(principal, id, query);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiIdempotent()
  @ApiOperation({
    summary: 'Send a test event',
    description: 'A `webhook_endpoint.test` event, delivered to this endpoint alone, signed like every delivery.',
  })
  @ApiResponse({ status: 202, type: WebhookDeliveryObject })
  @ApiErrors(400, 401, 403, 404)
  test(@CurrentPrincipal() principal: Principal, @Param() { id }: WebhookEndpointIdParam) {
    return this.deliveries.sendTest(principal, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiIdempotent()
  @ApiOperation({
    summary: 'Enable a disabled endpoint',
    description: 'After a 410 Gone, 5 days of failures or a manual pause. Events from now on are delivered.',
  })
  @ApiResponse({ status: 200, type: WebhookEndpointObject })
  @ApiErrors(400, 401, 403, 404)
  enable(@CurrentPrincipal() principal: Principal, @Param() { id }: WebhookEndpointIdParam) {
    return this.endpoints.enable(principal, id);
  }
}
