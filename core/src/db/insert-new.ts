import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Inserts a new row (its id freshly made) in one statement, where `save` would first read it back
 * by id to choose between INSERT and UPDATE. Afterwards the entity is as `save` leaves it: the
 * columns the database fills in are read back by the INSERT's RETURNING, and nullable columns left
 * unset are null (not undefined), so views and event payloads built from it carry every key.
 */
export async function insertNew<T extends ObjectLiteral>(manager: EntityManager, entity: T): Promise<T> {
  const target = entity.constructor as EntityTarget<T>;
  // The cast: TypeORM's insert type cannot take the `Record<string, unknown>` of a json column.
  await manager.insert(target, entity as QueryDeepPartialEntity<T>);
  for (const column of manager.connection.getMetadata(target).columns) {
    if (column.isNullable && column.getEntityValue(entity) === undefined) column.setEntityValue(entity, null);
  }
  return entity;
}
