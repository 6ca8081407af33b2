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

/** What `pg_roles` says about the app role, as far as safety goes. */
export interface RoleAttributes {
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  /** Roles it inherits from or may SET ROLE to that are themselves unsafe or own tables here. */
  unsafe_memberships: string[] | null;
  /** Tables, views and sequences of this database it owns. */
  owned_relations: number | string;
}

/** Why the app role must not be used as it is, or an empty list. */
export function appRoleProblems(role: RoleAttributes): string[] {
  const problems: string[] = [];
  if (role.rolsuper) problems.push('is SUPERUSER (bypasses row-level security)');
  if (role.rolbypassrls) problems.push('has BYPASSRLS (bypasses row-level security)');
  if (role.rolcreaterole) problems.push('has CREATEROLE (could grant itself other roles)');
  if (role.rolcreatedb) problems.push('has CREATEDB');
  if (Number(role.owned_relations) > 0) problems.push('owns tables (owners are not held by row-level security)');
  for (const other of role.unsafe_memberships ?? []) {
    problems.push(`is a member of ${other}, which is superuser, BYPASSRLS or owns tables`);
  }
  return problems;
}

async function roleProblems(q: Pick<QueryRunner, 'query'>, role: string | null): Promise<string[] | null> {
  const rows: RoleAttributes[] = await q.query(
    `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
       (SELECT array_agg(m.rolname::text) FROM pg_roles m
         WHERE pg_has_role(r.oid, m.oid, 'MEMBER') AND m.oid <> r.oid
           AND (m.rolsuper OR m.rolbypassrls
             OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = m.oid AND c.relnamespace = 'public'::regnamespace))
       ) AS unsafe_memberships,
       (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace)
         AS owned_relations
     FROM pg_roles r WHERE r.rolname = coalesce($1, current_user)`,
    [role],
  );
  return rows.length ? appRoleProblems(rows[0]) : null;
}

/**
 * Refuses to go on when the app role exists with attributes that would let an API request step
 * outside its account. The role is cluster-wide, so someone may have created it before us.
 */
export async function assertSafeAppRole(q: Pick<QueryRunner, 'query'>): Promise<void> {
  const problems = await roleProblems(q, APP_ROLE);
  if (problems?.length) {
    throw new Error(
      `Refusing to migrate: the API's database role ${APP_ROLE} ${problems.join('; ')}. ` +
        `Fix it (e.g. ALTER ROLE ${APP_ROLE} NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB) and migrate again.`,
    );
  }
}

/**
 * Refuses to serve when the api's own connection logs in as a role that row-level security does
 * not hold (an operator's `DATABASE_APP_URL` naming the owner or a superuser, say).
 */
export async function assertSafeApiLogin(q: Pick<QueryRunner, 'query'>): Promise<void> {
  const [{ role }]: Array<{ role: string }> = await q.query('SELECT current_user AS role');
  const problems = (await roleProblems(q, null)) ?? [];
  if (problems.length) {
    throw new Error(
      `Refusing to start the api: its database login ${role} (DATABASE_APP_URL) ${problems.join('; ')}. ` +
        `The api must log in as ${APP_ROLE} or another role without those rights.`,
    );
  }
}
