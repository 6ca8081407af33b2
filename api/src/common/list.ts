import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Brackets, type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ApiError } from './api-error';

/** 9999-12-31: the last second Postgres and JavaScript dates agree on. */
const MAX_UNIX_SECONDS = 253_402_300_799;

export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10, description: 'How many objects to return.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'A cursor: the id of the last object of the previous page.' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+_[0-9A-Za-z]{1,64}$/, { message: 'must be an object id' })
  starting_after?: string;

  @ApiPropertyOptional({ description: 'A cursor: the id of the first object of the next page (paging backwards).' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+_[0-9A-Za-z]{1,64}$/, { message: 'must be an object id' })
  ending_before?: string;

  @ApiPropertyOptional({
    name: 'created[gte]',
    description: 'Only objects created at or after this time (unix seconds).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_UNIX_SECONDS)
  'created[gte]'?: number;

  @ApiPropertyOptional({
    name: 'created[lte]',
    description: 'Only objects created at or before this time (unix seconds).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_UNIX_SECONDS)
  'created[lte]'?: number;
}

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export class ListEnvelope {
  @ApiProperty({ enum: ['list'] }) object!: 'list';
  @ApiProperty() has_more!: boolean;
  @ApiProperty({ example: '/v1/videos' }) url!: string;
}

/**
 * Newest-first keyset pagination on (created_at, id): stable while rows are inserted, and a cursor
 * from another account simply matches nothing in this account's scope.
 */
export async function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: ListQuery,
  findCursor: (id: string) => Promise<{ createdAt: Date; id: string } | null>,
): Promise<{ rows: E[]; hasMore: boolean }> {
  if (query.starting_after && query.ending_before) {
    throw ApiError.invalid('parameter_invalid', 'Pass starting_after or ending_before, not both.', 'ending_before');
  }
  const limit = query.limit ?? 10;
  const alias = qb.alias;
  const cursorId = query.starting_after ?? query.ending_before;
  const backwards = Boolean(query.ending_before);
  if (cursorId) {
    const cursor = await findCursor(cursorId);
    if (!cursor) {
      throw ApiError.notFound('object', cursorId, query.starting_after ? 'starting_after' : 'ending_before');
    }
    const op = backwards ? '>' : '<';
    qb.andWhere(
      new Brackets((w) =>
        w.where(`(${alias}.createdAt, ${alias}.id) ${op} (:cursorCreated, :cursorId)`, {
          cursorCreated: cursor.createdAt,
          cursorId: cursor.id,
        }),
      ),
    );
  }
  if (query['created[gte]'] !== undefined) {
    qb.andWhere(`${alias}.createdAt >= to_timestamp(CAST(:createdGte AS bigint))`, {
      createdGte: query['created[gte]'],
    });
  }
  if (query['created[lte]'] !== undefined) {
    // Inclusive of the whole second, as `created` is reported in whole seconds.
    qb.andWhere(`${alias}.createdAt < to_timestamp(CAST(:createdLte AS bigint) + 1)`, {
      createdLte: query['created[lte]'],
    });
  }
  const direction = backwards ? 'ASC' : 'DESC';
  const rows = await qb
    .orderBy(`${alias}.createdAt`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .take(limit + 1)
    .getMany();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: backwards ? page.reverse() : page, hasMore };
}

interface Scoped {
  id: string;
  accountId: string;
  livemode: boolean;
  createdAt: Date;
}

/** A page of one account's objects in one mode: the shape every list endpoint shares. */
export async function listScoped<E extends Scoped, V>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  scope: { accountId: string; livemode: boolean },
  query: ListQuery,
  opts: { url: string; view: (row: E) => V; filter?: (qb: SelectQueryBuilder<E>) => void },
): Promise<ListPage<V>> {
  const repo = manager.getRepository(entity);
  const where = { accountId: scope.accountId, livemode: scope.livemode };
  const qb = repo.createQueryBuilder('row').where('row.accountId = :accountId AND row.livemode = :livemode', where);
  opts.filter?.(qb);
  const { rows, hasMore } = await paginate(qb, query, (id) =>
    repo.findOne({ where: { id, ...where } as never, select: { id: true, createdAt: true } as never }),
  );
  return { object: 'list', data: rows.map(opts.view), has_more: hasMore, url: opts.url };
}
