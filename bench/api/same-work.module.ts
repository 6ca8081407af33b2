import { Body, Controller, DynamicModule, Get, HttpCode, Inject, Module, Param, Post } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Pool } from 'pg';

export const SAME_WORK_POOL = 'SAME_WORK_POOL';
export const SAME_WORK_REDIS = 'SAME_WORK_REDIS';
export const SAME_WORK_PREFIX = 'SAME_WORK_PREFIX';
export const SAME_WORK_ROW_ID = 'vid_samework';

/** The one table the baseline reads: a primary key and a few columns, like a small video row. */
export const SAME_WORK_SCHEMA = `
  CREATE TABLE bench_videos (
    id text PRIMARY KEY,
    title text,
    status text NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
  );
  INSERT INTO bench_videos (id, title, status) VALUES ('${SAME_WORK_ROW_ID}', 'bench', 'pending_upload');
`;

/**
 * The same-work baseline: NestJS 11 on Fastify doing, per request, what a lean hand-written API
 * must do at least — one `SELECT` by primary key on a pooled `pg` connection and one Redis `INCR`
 * (a rate-limit counter) — with no ORM, auth, validation, logging or storage. Against it the ratio
 * shows what StreamForge's own layers cost, not what Postgres and Redis cost.
 */
@Controller('v1')
class SameWorkController {
  constructor(
    @Inject(SAME_WORK_POOL) private readonly pool: Pool,
    @Inject(SAME_WORK_REDIS) private readonly redis: Redis,
    @Inject(SAME_WORK_PREFIX) private readonly prefix: string,
  ) {}

  @Get('videos/:id')
  async video(@Param('id') id: string) {
    return this.answer(id === 'vid_hello' ? SAME_WORK_ROW_ID : id);
  }

  @Post('uploads')
  @HttpCode(201)
  async upload(@Body() body: Record<string, unknown>) {
    return { ...(await this.answer(SAME_WORK_ROW_ID)), upload: body };
  }

  private async answer(id: string) {
    // In order, as an API must: the request is counted before it does any work.
    await this.redis.incr(`${this.prefix}:count`);
    const { rows } = await this.pool.query<{
      id: string;
      title: string;
      status: string;
      metadata: object;
      created_at: Date;
    }>('SELECT id, title, status, metadata, created_at FROM bench_videos WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return { error: 'not found' };
    return {
      id: row.id,
      object: 'video',
      created: Math.floor(row.created_at.getTime() / 1000),
      title: row.title,
      status: row.status,
      metadata: row.metadata,
    };
  }
}

@Module({})
export class SameWorkModule {
  static forRoot(pool: Pool, redis: Redis, prefix: string): DynamicModule {
    return {
      module: SameWorkModule,
      controllers: [SameWorkController],
      providers: [
        { provide: SAME_WORK_POOL, useValue: pool },
        { provide: SAME_WORK_REDIS, useValue: redis },
        { provide: SAME_WORK_PREFIX, useValue: prefix },
      ],
    };
  }
}
