import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../tokens';

const BATCH = 5_000;

/**
 * Retention: idempotency keys after `IDEMPOTENCY_TTL_SECONDS` (24 h by default, Stripe's floor),
 * events after `EVENT_RETENTION_DAYS` (30 by default, as long as Stripe lists them). Deletes in
 * small batches so no long lock blocks the api.
 */
@Injectable()
export class RecordPruner {
  private readonly logger = new Logger(RecordPruner.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ idempotencyKeys: number; events: number }> {
    const idempotencyKeys = await this.inBatches(
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1) LIMIT ${BATCH})`,
      [this.config.idempotencyTtlSeconds],
    );
    const events = await this.inBatches(
      `DELETE FROM events WHERE id IN (
         SELECT id FROM events WHERE created_at < now() - make_interval(days => $1) LIMIT ${BATCH})`,
      [this.config.maintenance.eventRetentionDays],
    );
    if (idempotencyKeys || events) this.logger.log(`pruned ${idempotencyKeys} idempotency key(s), ${events} event(s)`);
    return { idempotencyKeys, events };
  }

  private async inBatches(sql: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = (await this.db.query(sql, params)) as [unknown, number];
      total += count;
      if (count < BATCH) return total;
    }
  }
}
