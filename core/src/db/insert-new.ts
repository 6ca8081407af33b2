import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { sha256Hex } from '../ids';

/**
 * Inserts a new row (its id freshly made) in one statement, where `save` would first read it back
 * by id to choose between INSERT and UPDATE. Afterwards the entity is as `save` leaves it: the
 * columns the database fills in are read back by the INSERT's RETURNING, and nullable columns left
 * unset are null (not undefined), so views and event payloads built from it carry every key.
 */
export async function insertNew<T extends ObjectLiteral>(manager: EntityManager, entity: T): Promise<T> {
  await insertAllNew(manager, [entity]);
  return entity;
}

/**
 * Several new rows in one statement, so one round trip: each INSERT is a data-modifying `WITH`
 * query, in the order given. A row may refer to one before it, since foreign keys are checked at the
 * end of the statement. Only the columns left unset are read back (`RETURNING`, each under an alias
 * naming its row), so each entity is then as `insertNew` leaves it without its given values (an
 * event's payload, say) making the round trip back.
 */
export async function insertAllNew(manager: EntityManager, entities: readonly ObjectLiteral[]): Promise<void> {
  const driver = manager.connection.driver;
  const parameters: unknown[] = [];
  const inserts = entities.map((entity, i) => {
    const { columns, tablePath } = manager.connection.getMetadata(entity.constructor);
    const given = columns.filter((column) => column.getEntityValue(entity) !== undefined);
    const filled = columns.filter((column) => column.getEntityValue(entity) === undefined);
    const values = given.map((column) => {
      parameters.push(driver.preparePersistentValue(column.getEntityValue(entity), column));
      return `$${parameters.length}`;
    });
    const alias = (column: ColumnMetadata) => `${i}.${column.databaseName}`;
    const returning = filled.map((column) => `${quote(column.databaseName)} AS ${quote(alias(column))}`).join(', ');
    const sql =
      `INSERT INTO ${tablePath.split('.').map(quote).join('.')} (${given.map((c) => quote(c.databaseName)).join(', ')}) ` +
      `VALUES (${values.join(', ')})${returning ? ` RETURNING ${returning}` : ''}`;
    return { entity, filled, alias, sql, name: `i${i}` };
  });
  if (inserts.length === 0) return;
  const reading = inserts.filter((insert) => insert.filled.length > 0);
  // Data-modifying WITH queries run whether or not the final SELECT reads them.
  const sql =
    inserts.length === 1
      ? inserts[0].sql
      : `WITH ${inserts.map((insert) => `${insert.name} AS (${insert.sql})`).join(', ')} ` +
        (reading.length ? `SELECT * FROM ${reading.map((insert) => insert.name).join(', ')}` : 'SELECT 1');
  const [row = {}] = await query(manager, sql, parameters);
  for (const { entity, filled, alias } of inserts) {
    for (const column of filled) {
      const value = row[alias(column)];
      column.setEntityValue(entity, value === null ? null : driver.prepareHydratedValue(value, column));
    }
  }
}

/**
 * Gives a new entity what the database would fill in on insert, so that a view or an event payload
 * can be made of it before the insert: each column's declared default, null for nullable columns left
 * unset, and `createdAt` for its creation and update dates (pass the transaction's `now()`, which is
 * what the database's defaults would store).
 */
export function withInsertDefaults<T extends ObjectLiteral>(manager: EntityManager, entity: T, createdAt: Date): T {
  for (const column of manager.connection.getMetadata(entity.constructor).columns) {
    if (column.getEntityValue(entity) !== undefined) continue;
    if (column.isCreateDate || column.isUpdateDate) column.setEntityValue(entity, createdAt);
    else if (column.default !== undefined && typeof column.default !== 'function')
      column.setEntityValue(entity, structuredClone(column.default));
    else if (column.isNullable) column.setEntityValue(entity, null);
  }
  return entity;
}

/**
 * A new entity as one row keyed by column name, each value as the column stores it (transformers
 * applied; dates and JSON columns as JSON carries them): what a SQL function reading rows with
 * `jsonb_populate_record` takes (`sf_scoped_create_upload`). That reader sets every column, a
 * missing key to NULL rather than the column's default, so every column must be given: pass the
 * entity through `withInsertDefaults`; a column still unset is an error here, not a NULL there.
 */
export function entityRow(db: DataSource, entity: ObjectLiteral): Record<string, unknown> {
  const { columns, tableName } = db.getMetadata(entity.constructor);
  const row: Record<string, unknown> = {};
  for (const column of columns) {
    const value: unknown = column.getEntityValue(entity, true);
    if (value === undefined) throw new Error(`entityRow: ${tableName}.${column.databaseName} is not set`);
    row[column.databaseName] = value;
  }
  return row;
}

/** The slice of a `pg` client that `query` uses. */
interface PgClient {
  query(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Names given to statement texts so far: one per shape of insert (which columns are given). */
const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 200;

/** The name a statement text is prepared under (derived from it), or none past `MAX_STATEMENT_NAMES`. */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_STATEMENT_NAMES) {
    name = `sf_insert_${sha256Hex(sql).slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * Runs the insert as a named prepared statement when the manager is bound to a connection (a
 * transaction's): Postgres then parses and plans each shape of insert once per connection, not on
 * every request. Without a bound connection, or past `MAX_STATEMENT_NAMES` shapes, it is an
 * ordinary query.
 */
async function query(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]> {
  const runner = manager.queryRunner;
  const name = runner && !runner.isReleased ? statementName(sql) : undefined;
  if (!runner || !name) return manager.query(sql, parameters);
  const client = (await runner.connect()) as PgClient;
  manager.connection.logger.logQuery(sql, parameters, runner);
  return (await client.query({ name, text: sql, values: parameters })).rows;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
