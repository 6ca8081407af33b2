import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityManager, ObjectLiteral } from 'typeorm';

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
 * end of the statement. Each entity is then as `insertNew` leaves it.
 */
export async function insertAllNew(manager: EntityManager, entities: readonly ObjectLiteral[]): Promise<void> {
  const driver = manager.connection.driver;
  const parameters: unknown[] = [];
  const inserts = entities.map((entity) => {
    const { columns, tablePath } = manager.connection.getMetadata(entity.constructor);
    const given = columns.filter((column) => column.getEntityValue(entity) !== undefined);
    const values = given.map((column) => {
      parameters.push(driver.preparePersistentValue(column.getEntityValue(entity), column));
      return `$${parameters.length}`;
    });
    const sql =
      `INSERT INTO ${tablePath.split('.').map(quote).join('.')} (${given.map((c) => quote(c.databaseName)).join(', ')}) ` +
      `VALUES (${values.join(', ')}) RETURNING *`;
    return { entity, columns, sql };
  });
  if (inserts.length === 0) return;
  const alias = (i: number, column: ColumnMetadata) => `${i}.${column.databaseName}`;
  const sql =
    inserts.length === 1
      ? inserts[0].sql
      : `WITH ${inserts.map((insert, i) => `i${i} AS (${insert.sql})`).join(', ')} SELECT ` +
        inserts
          .flatMap(({ columns }, i) => columns.map((c) => `i${i}.${quote(c.databaseName)} AS ${quote(alias(i, c))}`))
          .join(', ') +
        ` FROM ${inserts.map((_, i) => `i${i}`).join(', ')}`;
  const [row]: Record<string, unknown>[] = await manager.query(sql, parameters);
  inserts.forEach(({ entity, columns }, i) => {
    for (const column of columns) {
      const value = row[inserts.length === 1 ? column.databaseName : alias(i, column)];
      column.setEntityValue(entity, value === null ? null : driver.prepareHydratedValue(value, column));
    }
  });
}

/**
 * Gives a new entity what the database would fill in on insert, so that a view or an event payload
 * can be made of it before the insert: each column's declared default, null for nullable columns left
 * unset, and `createdAt` for its creation date (pass the transaction's `now()`, which is what the
 * database's default would store).
 */
export function withInsertDefaults<T extends ObjectLiteral>(manager: EntityManager, entity: T, createdAt: Date): T {
  for (const column of manager.connection.getMetadata(entity.constructor).columns) {
    if (column.getEntityValue(entity) !== undefined) continue;
    if (column.isCreateDate) column.setEntityValue(entity, createdAt);
    else if (column.default !== undefined && typeof column.default !== 'function')
      column.setEntityValue(entity, structuredClone(column.default));
    else if (column.isNullable) column.setEntityValue(entity, null);
  }
  return entity;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
