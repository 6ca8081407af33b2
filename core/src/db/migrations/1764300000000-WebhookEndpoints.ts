import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, isolateTenantTable } from '../app-role';

export class WebhookEndpoints1764300000000 implements MigrationInterface {
  name = 'WebhookEndpoints1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        livemode boolean NOT NULL,
        url text NOT NULL,
        description text,
        enabled_events jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('enabled', 'disabled')),
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_endpoints_list_idx ON webhook_endpoints (account_id, livemode, created_at DESC, id DESC)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO ${APP_ROLE}`);
    await isolateTenantTable(q, 'webhook_endpoints');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_endpoints`);
  }
}
