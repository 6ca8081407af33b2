import type { QueryRunner } from 'typeorm';

/** The role every API request runs as: subject to row-level security, unlike the table owner. */
export const APP_ROLE = 'streamforge_app';

/**
 * Row-level security for a table with `account_id` and `livemode`: the app role sees and writes
 * only rows of the account and mode its request set (`sf.account_id`, `sf.livemode`).
 */
export async function isolateTenantTable(q: QueryRunner, table: string): Promise<void> {
  const scope = `current_setting('sf.account_id', true)`;
  const mode = `current_setting('sf.livemode', true)`;
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(
    `CREATE POLICY tenant_scope ON ${table} TO ${APP_ROLE}
       USING (account_id = ${scope} AND livemode::text = ${mode})
       WITH CHECK (account_id = ${scope} AND livemode::text = ${mode})`,
  );
}
