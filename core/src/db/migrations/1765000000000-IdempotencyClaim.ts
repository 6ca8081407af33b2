import { MigrationInterface, QueryRunner } from 'typeorm';

import { APP_ROLE } from '../app-role';

/**
 * An Idempotency-Key's claim in one round trip: `sf_idempotency_claim` takes the key's
 * transaction-scoped advisory lock and, only once it holds it, reads the key's record. The two must
 * not share a snapshot: one query would read the table as of its start, and a request with the same
 * key committing between that start and the lock would go unseen (and run twice). A `VOLATILE`
 * plpgsql function takes a new snapshot for each statement, so the read sees every record committed
 * before the lock was granted — the order the api kept by sending two statements.
 *
 * The lock's key is the text the api hashed before (`idem:<account>:<livemode>:<key>`), so instances
 * of either version exclude each other during a rolling deploy. SECURITY INVOKER: the read is the
 * app role's, under row-level security.
 */
export class IdempotencyClaim1765000000000 implements MigrationInterface {
  name = 'IdempotencyClaim1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sf_idempotency_claim(account_id text, livemode boolean, key text)
      RETURNS TABLE (locked boolean, request_hash text, response_status integer, response_body jsonb, created_at timestamptz)
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtextextended(
          'idem:' || sf_idempotency_claim.account_id || ':' || sf_idempotency_claim.livemode::text || ':' || sf_idempotency_claim.key, 0))
        THEN
          RETURN QUERY SELECT false, NULL::text, NULL::integer, NULL::jsonb, NULL::timestamptz;
          RETURN;
        END IF;
        -- One row either way: the key's record, or NULLs when there is none.
        RETURN QUERY
          SELECT true, k.request_hash, k.response_status, k.response_body, k.created_at::timestamptz
          FROM (SELECT) AS one
          LEFT JOIN public.idempotency_keys k
            ON k.account_id = sf_idempotency_claim.account_id
           AND k.livemode = sf_idempotency_claim.livemode
           AND k.key = sf_idempotency_claim.key;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION sf_idempotency_claim(text, boolean, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION sf_idempotency_claim(text, boolean, text) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS sf_idempotency_claim(text, boolean, text)`);
  }
}
