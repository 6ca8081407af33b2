import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, isolateTenantTable } from '../app-role';

/**
 * Webhook deliveries: the outbox's durable relay marker on events, the deliveries table (one row
 * per event and endpoint, under row-level security) and what endpoints need to be disabled.
 */
export class WebhookDeliveries1764400000000 implements MigrationInterface {
  name = 'WebhookDeliveries1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN relayed_at timestamptz`);
    // Events from before deliveries existed are not sent now, months late.
    await q.query(`UPDATE events SET relayed_at = now()`);
    await q.query(`CREATE INDEX events_unrelayed_idx ON events (created_at, id) WHERE relayed_at IS NULL`);
    // No NOTIFY trigger: Postgres serialises the commits of notifying transactions (a global lock
    // held through the WAL flush), which would cap every event-writing request. The relay polls.

    await q.query(`ALTER TABLE webhook_endpoints ADD COLUMN failing_since timestamptz`);
    await q.query(`ALTER TABLE webhook_endpoints ADD COLUMN disabled_reason text`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        livemode boolean NOT NULL,
        event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        event_type text NOT NULL,
        endpoint_id text NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        trigger text NOT NULL CHECK (trigger IN ('automatic', 'manual', 'test')),
        state text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'exhausted')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_duration_ms integer,
        last_error text,
        last_response_body text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The relay's fan-out is idempotent: one automatic delivery per event and endpoint, ever.
    await q.query(
      `CREATE UNIQUE INDEX webhook_deliveries_once_idx ON webhook_deliveries (event_id, endpoint_id) WHERE trigger = 'automatic'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id, created_at DESC, id DESC)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_deliveries TO ${APP_ROLE}`);
    await isolateTenantTable(q, 'webhook_deliveries');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`ALTER TABLE webhook_endpoints DROP COLUMN IF EXISTS failing_since`);
    await q.query(`ALTER TABLE webhook_endpoints DROP COLUMN IF EXISTS disabled_reason`);
    await q.query(`DROP INDEX IF EXISTS events_unrelayed_idx`);
    await q.query(`ALTER TABLE events DROP COLUMN IF EXISTS relayed_at`);
  }
}
