import { MigrationInterface, QueryRunner } from 'typeorm';

import { APP_ROLE, assertSafeAppRole } from '../app-role';

/** Every table whose rows belong to one account and mode. */
const TENANT_TABLES = [
  'api_keys',
  'videos',
  'upload_sessions',
  'events',
  'idempotency_keys',
  'webhook_endpoints',
  'webhook_deliveries',
];

/**
 * The api logs in as the row-level-security role itself (no more switching roles inside a
 * transaction, which `RESET ROLE` undid), so nothing a request runs can step outside its account:
 * the role is not superuser, not BYPASSRLS, owns nothing and cannot touch `migrations`. Policies are
 * forced on the owner too, which keeps its own explicit all-rows policy (the worker and sweeps run
 * as the owner). The two lookups that must cross accounts — a key by its hash, an upload by its
 * client secret's hash — are SECURITY DEFINER functions that answer only to the right secret.
 */
export class AppLogin1764700000000 implements MigrationInterface {
  name = 'AppLogin1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await assertSafeAppRole(q);
    // Roles are cluster-wide: another database's migration may be doing the same at this moment.
    await q.query(`
      DO $$ BEGIN
        IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          ALTER ROLE ${APP_ROLE} LOGIN;
        END IF;
      EXCEPTION WHEN OTHERS THEN
        IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN RAISE; END IF;
      END $$`);
    await assertSafeAppRole(q);

    await q.query(`REVOKE ALL ON TABLE migrations FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON TABLE accounts FROM ${APP_ROLE}`);

    for (const table of ['accounts', ...TENANT_TABLES]) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY owner_all ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }

    await q.query(`
      CREATE FUNCTION sf_api_key_by_hash(secret_hash text)
      RETURNS TABLE (id text, account_id text, livemode boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT k.id, k.account_id, k.livemode FROM public.api_keys k
        WHERE k.secret_hash = sf_api_key_by_hash.secret_hash AND k.revoked_at IS NULL
      $$`);
    await q.query(`
      CREATE FUNCTION sf_upload_by_client_secret(upload_id text, secret_hash text)
      RETURNS TABLE (account_id text, livemode boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT s.account_id, s.livemode FROM public.upload_sessions s
        WHERE s.id = sf_upload_by_client_secret.upload_id
          AND s.client_secret_hash = sf_upload_by_client_secret.secret_hash
      $$`);
    for (const fn of ['sf_api_key_by_hash(text)', 'sf_upload_by_client_secret(text, text)']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS sf_upload_by_client_secret(text, text)`);
    await q.query(`DROP FUNCTION IF EXISTS sf_api_key_by_hash(text)`);
    for (const table of ['accounts', ...TENANT_TABLES]) {
      await q.query(`DROP POLICY IF EXISTS owner_all ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    }
    await q.query(`GRANT INSERT, UPDATE, DELETE ON TABLE accounts TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE migrations TO ${APP_ROLE}`);
  }
}
