import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, newId } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { APP_CONFIG } from '../tokens';

const BATCH = 200;

/**
 * Turns the events outbox into deliveries. Each pass locks a batch of events not yet relayed
 * (`relayed_at IS NULL`, skipping rows another worker holds), inserts one delivery per matching
 * enabled endpoint and marks the events relayed — all in one transaction, so an event is never
 * skipped (no cursor to jump past a late commit) and never fanned out twice (the marker, and a
 * unique index on event and endpoint). Jobs are queued after the commit; if that is lost, the sweep
 * queues the pending deliveries. It polls every WEBHOOK_RELAY_INTERVAL (an index on unrelayed events
 * keeps an idle poll cheap); Postgres NOTIFY was left out on purpose, as it serialises the commits of
 * every transaction that writes an event.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => this.wake(), this.config.webhooks.relayIntervalMs);
    this.wake();
  }

  /** Runs passes until no event is left; a wake-up during a pass runs one more. */
  wake() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.pass()) === BATCH && !this.stopped);
        } catch (error) {
          this.logger.error(`relay pass failed: ${(error as Error).message}`);
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = undefined));
  }

  /** One batch; returns how many events it relayed. */
  async pass(): Promise<number> {
    const { events, deliveries } = await this.db.transaction(async (m) => {
      // The marker and the deliveries commit together, so a commit lost in a Postgres crash loses
      // both and the events are relayed again: no need to wait for the WAL flush.
      await m.query(`SET LOCAL synchronous_commit TO OFF`);
      const events = (await m.query(
        `SELECT id FROM events WHERE relayed_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      )) as Array<{ id: string }>;
      if (!events.length) return { events, deliveries: [] as string[] };
      const ids = events.map((e) => e.id);
      const targets = (await m.query(
        `SELECT e.id AS event_id, e.type, e.account_id, e.livemode, w.id AS endpoint_id
           FROM events e
           JOIN webhook_endpoints w
             ON w.account_id = e.account_id AND w.livemode = e.livemode AND w.status = 'enabled'
            AND (w.enabled_events ? '*' OR w.enabled_events ? e.type)
          WHERE e.id = ANY($1)
          ORDER BY e.created_at, e.id`,
        [ids],
      )) as Array<{ event_id: string; type: string; account_id: string; livemode: boolean; endpoint_id: string }>;
      let inserted: Array<{ id: string }> = [];
      if (targets.length) {
        inserted = (await m.query(
          `INSERT INTO webhook_deliveries
             (id, account_id, livemode, event_id, event_type, endpoint_id, trigger, state, attempts, next_attempt_at)
           SELECT t.id, t.account_id, t.livemode, t.event_id, t.event_type, t.endpoint_id, 'automatic', 'pending', 0, now()
             FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[])
               AS t(id, account_id, livemode, event_id, event_type, endpoint_id)
           ON CONFLICT (event_id, endpoint_id) WHERE trigger = 'automatic' DO NOTHING
           RETURNING id`,
          [
            targets.map(() => newId('msg')),
            targets.map((t) => t.account_id),
            targets.map((t) => t.livemode),
            targets.map((t) => t.event_id),
            targets.map((t) => t.type),
            targets.map((t) => t.endpoint_id),
          ],
        )) as Array<{ id: string }>;
      }
      await m.query(`UPDATE events SET relayed_at = now() WHERE id = ANY($1)`, [ids]);
      return { events, deliveries: inserted.map((r) => r.id) };
    });
    await this.queue.enqueueMany(
      'webhook.deliver',
      deliveries.map((deliveryId) => ({ job: { deliveryId, attempt: 0 } })),
    );
    return events.length;
  }

  async beforeApplicationShutdown() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
