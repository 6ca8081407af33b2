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

class StaleAttempt extends Error {}

/**
 * An attempt's record need not wait for the WAL flush: if Postgres crashes and loses it, the row is
 * still `pending` at its old attempt count and the attempt is simply made again (at-least-once),
 * with the same webhook-id. Deliveries then stop queueing behind the disk's fsync rate.
 */
const ASYNC_COMMIT = `SET LOCAL synchronous_commit TO OFF`;

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
    const [endpoint, event] = await Promise.all([
      this.db.manager.findOneBy(WebhookEndpoint, { id: delivery.endpointId }),
      this.db.manager.findOneBy(EventRecord, { id: delivery.eventId }),
    ]);
    if (!endpoint || !event) return 'stale';
    if (endpoint.status === 'disabled') {
      await this.finishWithoutSending(delivery, 'endpoint disabled');
      return 'endpoint disabled';
    }
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

  /**
   * Writes the attempt and its consequences; queues the next attempt after the commit. A success
   * writes its fenced UPDATE without locking the endpoint row (only clearing a running failure
   * clock touches it), so deliveries to one endpoint never queue behind each other on its row. A failure locks the
   * endpoint row to start or read its failure clock, and may disable it, in one transaction.
   */
  private async record(delivery: WebhookDelivery, endpointId: string, result: SendResult): Promise<string> {
    const attemptsMade = delivery.attempts + 1;
    const succeeded =
      result.error === null && result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    if (succeeded) {
      const changed = await this.db.transaction(async (m) => {
        await m.query(ASYNC_COMMIT);
        if (!(await this.writeAttempt(m, delivery, result, 'succeeded', null))) return false;
        await m.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [
          endpointId,
        ]);
        return true;
      });
      return changed ? 'succeeded' : 'stale';
    }
    const next = await this.db
      .transaction(async (m) => {
        await m.query(ASYNC_COMMIT);
        const now = new Date();
        const [row] = (await m.query(
          `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1
         RETURNING failing_since`,
          [endpointId, now],
        )) as [Array<{ failing_since: Date }>, number];
        if (!row.length) return null;
        // The clock started by an earlier failure, not this one, is what counts toward disabling.
        const since = row[0].failing_since.getTime() === now.getTime() ? null : row[0].failing_since;
        const outcome = outcomeOf(result, attemptsMade, this.schedule, since, now, this.config.webhooks.disableAfterMs);
        const nextAttemptAt = outcome.nextDelayMs === null ? null : new Date(now.getTime() + outcome.nextDelayMs);
        // Another run of this attempt recorded it first: leave its record (and roll back the clock).
        if (!(await this.writeAttempt(m, delivery, result, outcome.state, nextAttemptAt))) {
          throw new StaleAttempt();
        }
        if (outcome.disableEndpoint) {
          const endpoint = await m.findOneByOrFail(WebhookEndpoint, { id: endpointId });
          if (endpoint.status === 'enabled') await this.disable(m, endpoint, outcome.disableEndpoint);
        }
        return { state: outcome.state, delayMs: outcome.nextDelayMs };
      })
      .catch((error: unknown) => {
        if (error instanceof StaleAttempt) return null;
        throw error;
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

  /** The attempt's record, fenced by the attempt count; false when another run recorded it first. */
  private async writeAttempt(
    m: EntityManager,
    delivery: WebhookDelivery,
    result: SendResult,
    state: string,
    nextAttemptAt: Date | null,
  ): Promise<boolean> {
    const [, changed] = (await m.query(
      `UPDATE webhook_deliveries
          SET state = $3, attempts = $2, next_attempt_at = $4, last_attempt_at = now(), last_status_code = $5,
              last_duration_ms = $6, last_error = $7, last_response_body = $8, updated_at = now()
        WHERE id = $1 AND attempts = $9 AND state = 'pending'`,
      [
        delivery.id,
        delivery.attempts + 1,
        state,
        nextAttemptAt,
        result.statusCode,
        result.durationMs,
        result.error,
        // Postgres text cannot hold NUL.
        result.body.replaceAll('\u0000', ''),
        delivery.attempts,
      ],
    )) as [unknown[], number];
    return changed > 0;
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
