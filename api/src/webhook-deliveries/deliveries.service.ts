import { Injectable } from '@nestjs/common';
import {
  EventRecord,
  newId,
  recordEvent,
  type WebhookDeliveryView,
  WebhookDelivery,
  WebhookEndpoint,
  webhookDeliveryView,
  webhookEndpointView,
  type DeliveryTrigger,
} from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, listScoped } from '../common/list';
import { RequestScope } from '../common/request-scope';
import { JobQueue } from '../infra/job-queue';
import type { ListDeliveriesQuery } from './dto';

/** Delivery logs, redelivery and test sends. The worker makes the attempts; this side only queues them. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly scope: RequestScope,
    private readonly queue: JobQueue,
  ) {}

  async listForEndpoint(
    scope: AccountScope,
    endpointId: string,
    query: ListDeliveriesQuery,
  ): Promise<ListPage<WebhookDeliveryView>> {
    await this.endpoint(scope, endpointId);
    return this.list(scope, query, `/v1/webhook_endpoints/${endpointId}/deliveries`, 'endpointId', endpointId);
  }

  async listForEvent(
    scope: AccountScope,
    eventId: string,
    query: ListDeliveriesQuery,
  ): Promise<ListPage<WebhookDeliveryView>> {
    await this.event(scope, eventId);
    return this.list(scope, query, `/v1/events/${eventId}/deliveries`, 'eventId', eventId);
  }

  /** New deliveries of an event: to one endpoint, or to every enabled endpoint subscribed to its type. */
  async redeliver(scope: AccountScope, eventId: string, endpointId?: string): Promise<ListPage<WebhookDeliveryView>> {
    const event = await this.event(scope, eventId);
    let endpoints: WebhookEndpoint[];
    if (endpointId) {
      const endpoint = await this.endpoint(scope, endpointId, 'webhook_endpoint');
      if (endpoint.status !== 'enabled') {
        throw ApiError.invalid(
          'endpoint_disabled',
          'The endpoint is disabled; enable it first (POST /v1/webhook_endpoints/{id}/enable).',
          'webhook_endpoint',
        );
      }
      endpoints = [endpoint];
    } else {
      endpoints = (
        await this.scope.manager.findBy(WebhookEndpoint, {
          accountId: scope.accountId,
          livemode: scope.livemode,
          status: 'enabled',
        })
      ).filter((e) => e.enabledEvents.includes('*') || e.enabledEvents.includes(event.type));
    }
    const made = [];
    for (const endpoint of endpoints) made.push(await this.create(event, endpoint, 'manual'));
    return {
      object: 'list',
      data: made.map(webhookDeliveryView),
      has_more: false,
      url: `/v1/events/${eventId}/redeliver`,
    };
  }

  /** A `webhook_endpoint.test` event sent to this endpoint alone. */
  async sendTest(scope: AccountScope, endpointId: string): Promise<WebhookDeliveryView> {
    const endpoint = await this.endpoint(scope, endpointId);
    const event = await recordEvent(this.scope.manager, {
      accountId: scope.accountId,
      livemode: scope.livemode,
      type: 'webhook_endpoint.test',
      object: webhookEndpointView(endpoint),
      relayed: true,
    });
    return webhookDeliveryView(await this.create(event, endpoint, 'test'));
  }

  private async create(event: EventRecord, endpoint: WebhookEndpoint, trigger: DeliveryTrigger) {
    const delivery = await this.scope.manager.save(
      this.scope.manager.create(WebhookDelivery, {
        id: newId('msg'),
        accountId: event.accountId,
        livemode: event.livemode,
        eventId: event.id,
        eventType: event.type,
        endpointId: endpoint.id,
        trigger,
        // A disabled endpoint gets the row (the log shows what happened) but no attempt.
        state: endpoint.status === 'enabled' ? 'pending' : 'failed',
        attempts: 0,
        nextAttemptAt: new Date(),
        lastAttemptAt: null,
        lastStatusCode: null,
        lastDurationMs: null,
        lastError: endpoint.status === 'enabled' ? null : 'endpoint disabled',
        lastResponseBody: null,
      }),
    );
    if (delivery.state === 'pending') {
      // If Redis is down now, the worker's sweep queues it once it is due.
      this.scope.afterCommit(() => this.queue.enqueue('webhook.deliver', { deliveryId: delivery.id, attempt: 0 }));
    }
    return delivery;
  }

  private list(
    scope: AccountScope,
    query: ListDeliveriesQuery,
    url: string,
    column: 'endpointId' | 'eventId',
    id: string,
  ): Promise<ListPage<WebhookDeliveryView>> {
    return listScoped(this.scope.manager, WebhookDelivery, scope, query, {
      url,
      view: webhookDeliveryView,
      filter: (qb) => {
        qb.andWhere(`row.${column} = :parent`, { parent: id });
        if (query.state) qb.andWhere('row.state = :state', { state: query.state });
      },
    });
  }

  private async endpoint(scope: AccountScope, id: string, param = 'id'): Promise<WebhookEndpoint> {
    const endpoint = await this.scope.manager.findOneBy(WebhookEndpoint, {
      id,
      accountId: scope.accountId,
      livemode: scope.livemode,
    });
    if (!endpoint) throw ApiError.notFound('webhook_endpoint', id, param);
    return endpoint;
  }

  private async event(scope: AccountScope, id: string): Promise<EventRecord> {
    const event = await this.scope.manager.findOneBy(EventRecord, {
      id,
      accountId: scope.accountId,
      livemode: scope.livemode,
    });
    if (!event) throw ApiError.notFound('event', id);
    return event;
  }
}
