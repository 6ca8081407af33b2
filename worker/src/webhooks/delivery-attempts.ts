import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AppConfig,
  EventRecord,
  eventView,
  type HostResolver,
  recordEvent,
  type WebhookDeliveryJob,
  WebhookDelivery,
  WebhookEndpoint,
  webhookEndpointView,
} from '@streamforge/core';
import { DataSource, type EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { APP_CONFIG, HOST_RESOLVER } from '../tokens';
import { outcomeOf } from './delivery-outcome';
import { type SendResult, WebhookSender } from './http-sender';
import { RetrySchedule } from './retry-schedule';
import { signingSecrets, WebhookSigner } from './signer';

/**
 * One attempt of one delivery: load, sign, send, record, schedule the next. The row is fenced by
 * its attempt count, so a job that runs twice (stalled, re-queued by the sweep) sends again at
 * most — at-least-once — and never records twice.
 */
@Injectable()
export class DeliveryAttempts {
  private readonly logger = new Logger(DeliveryAttempts.name);
  private readonly signer = new WebhookSigner();
  private readonly sender: WebhookSender;
  readonly schedule: RetrySchedule;

  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HOST_RESOLVER) resolve: HostResolver,
  ) {
    const webhooks = config.webhooks;
    this.schedule = new RetrySchedule(webhooks.scheduleMs, webhooks.jitter);
    this.sender = new WebhookSender({
      rules: { allowPrivate: webhooks.allowPrivate, requireHttps: config.env === 'production' },
      resolve,
      timeoutMs: webhooks.timeoutMs,
    });
  }

  async run(job: WebhookDeliveryJob): Promise<string> {
    const delivery = await this.db.manager.findOneBy(WebhookDelivery, { id: job.deliveryId });
    if (!delivery || delivery.state !== 'pending' || delivery.attempts !== job.attempt) return 'stale';
    const endpoint = await this.db.manager.findOneBy(WebhookEndpoint, { id: delivery.endpointId });
    if (!endpoint) return 'stale';
    if (endpoint.status === 'disabled') {
      await this.finishWithoutSending(delivery, 'endpoint disabled');
      return 'endpoint disabled';
    }
    const event = await this.db.manager.findOneByOrFail(EventRecord, { id: delivery.eventId });
    const now = new Date();
    const body = JSON.stringify(eventView(event));
    const headers = this.signer.sign(
      signingSecrets(endpoint, now),
      delivery.id,
      Math.floor(now.getTime() / 1000),
      body,
    );
    const result = await this.sender.send(endpoint.url, { ...headers }, body);
    const state = await this.record(delivery, endpoint.id, result);
    return `${state} (${result.statusCode ?? result.error})`;
  }

  /** Writes the attempt and its consequences in one transaction; queues the next attempt after it. */
  private async record(delivery: WebhookDelivery, endpointId: string, result: SendResult): Promise<string> {
    const attemptsMade = delivery.attempts + 1;
    const next = await this.db.transaction(async (m) => {
      const endpoint = await m.findOne(WebhookEndpoint, {
        where: { id: endpointId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!endpoint) return null;
      const now = new Date();
      const outcome = outcomeOf(
        result,
        attemptsMade,
        this.schedule,
        endpoint.failingSince,
        now,
        this.config.webhooks.disableAfterMs,
      );
      const nextAttemptAt = outcome.nextDelayMs === null ? null : new Date(now.getTime() + outcome.nextDelayMs);
      const [, changed] = (await m.query(
        `UPDATE webhook_deliveries
            SET state = $3, attempts = $2, next_attempt_at = $4, last_attempt_at = $5, last_status_code = $6,
                last_duration_ms = $7, last_error = $8, last_response_body = $9, updated_at = now()
          WHERE id = $1 AND attempts = $10 AND state = 'pending'`,
        [
          delivery.id,
          attemptsMade,
          outcome.state,
          nextAttemptAt,
          now,
          result.statusCode,
          result.durationMs,
          result.error,
          result.body.replace(/\u0000/g, ''),
          delivery.attempts,
        ],
      )) as [unknown[], number];
      // Another run of this attempt recorded it first: leave its record.
      if (!changed) return null;
      if (outcome.endpointHealthy) {
        if (endpoint.failingSince) await m.update(WebhookEndpoint, { id: endpoint.id }, { failingSince: null });
      } else if (!endpoint.failingSince) {
        await m.update(WebhookEndpoint, { id: endpoint.id }, { failingSince: now });
      }
      if (outcome.disableEndpoint && endpoint.status === 'enabled') {
        await this.disable(m, endpoint, outcome.disableEndpoint);
      }
      return { state: outcome.state, delayMs: outcome.nextDelayMs };
    });
    if (next?.state === 'pending') {
      await this.queue.enqueue(
        'webhook.deliver',
        { deliveryId: delivery.id, attempt: attemptsMade },
        { delayMs: next.delayMs ?? 0 },
      );
    }
    return next?.state ?? 'stale';
  }

  private async disable(m: EntityManager, endpoint: WebhookEndpoint, reason: 'gone' | 'failing') {
    endpoint.status = 'disabled';
    endpoint.disabledReason = reason;
    await m.update(WebhookEndpoint, { id: endpoint.id }, { status: 'disabled', disabledReason: reason });
    await recordEvent(m, {
      accountId: endpoint.accountId,
      livemode: endpoint.livemode,
      type: 'webhook_endpoint.disabled',
      object: webhookEndpointView(endpoint),
    });
    this.logger.warn(`${endpoint.id} disabled: ${reason === 'gone' ? 'it answered 410 Gone' : 'failing for too long'}`);
  }

  private async finishWithoutSending(delivery: WebhookDelivery, reason: string) {
    await this.db.query(
      `UPDATE webhook_deliveries SET state = 'failed', last_error = $3, next_attempt_at = NULL, updated_at = now()
        WHERE id = $1 AND attempts = $2 AND state = 'pending'`,
      [delivery.id, delivery.attempts, reason],
    );
  }
}
