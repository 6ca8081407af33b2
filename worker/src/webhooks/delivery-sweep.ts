import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { APP_CONFIG } from '../tokens';

const BATCH = 1000;

/**
 * Makes deliveries survive a Redis that forgot them (flushed, failed over, a job lost between
 * commit and enqueue): every pending delivery that is due is queued again. Job ids
 * (`{delivery}-{attempts}`) make it a no-op for jobs Redis still has.
 */
@Injectable()
export class DeliverySweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverySweep.name);
  private timer?: NodeJS.Timeout;
  private passing?: Promise<number>;

  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    const tick = () => {
      this.passing ??= this.sweep()
        .catch((error: Error) => {
          this.logger.error(`sweep failed: ${error.message}`);
          return 0;
        })
        .finally(() => (this.passing = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.webhooks.sweepIntervalMs);
  }

  /** One pass; returns how many due deliveries it (re-)queued. */
  async sweep(): Promise<number> {
    let total = 0;
    let after = '';
    for (;;) {
      const rows = (await this.db.query(
        `SELECT id, attempts FROM webhook_deliveries
          WHERE state = 'pending' AND next_attempt_at <= now() AND id > $1
          ORDER BY id LIMIT $2`,
        [after, BATCH],
      )) as Array<{ id: string; attempts: number }>;
      await this.queue.enqueueMany(
        'webhook.deliver',
        rows.map((r) => ({ job: { deliveryId: r.id, attempt: r.attempts } })),
      );
      total += rows.length;
      if (rows.length < BATCH) return total;
      after = rows[rows.length - 1].id;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.passing;
  }
}
