import { MigrationInterface, QueryRunner } from 'typeorm';

import { APP_ROLE, isolateTenantTable } from '../app-role';

const TENANT_TABLES = ['api_keys', 'videos', 'upload_sessions', 'events', 'idempotency_keys'];

/**
 * Row-level security as a backstop behind the account scope every query already carries: API
 * requests run as a non-owner role that can only see rows of the account and mode it was given.
 * Also the idempotency-key store.
 */
export class TenancyAndIdempotency1764100000000 implements MigrationInterface {
  name = 'TenancyAndIdempotency1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        livemode boolean NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, livemode, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);

    // Roles are cluster-wide: create once, tolerate other databases having done it.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // The owner must be able to SET ROLE to it (a superuser can anyway).
    await q.query(`
      DO $$ BEGIN
        EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
      EXCEPTION WHEN OTHERS THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );

    await q.query(`ALTER TABLE accounts ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY account_self ON accounts TO ${APP_ROLE} USING (id = current_setting('sf.account_id', true))`,
    );
    for (const table of TENANT_TABLES) await isolateTenantTable(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['accounts', ...TENANT_TABLES]) {
      await q.query(`DROP POLICY IF EXISTS tenant_scope ON ${table}`);
      await q.query(`DROP POLICY IF EXISTS account_self ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
