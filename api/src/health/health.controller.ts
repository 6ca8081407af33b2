import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ObjectStorage } from '@streamforge/core';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/principal';
import { JobQueue } from '../infra/job-queue';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    private readonly storage: ObjectStorage,
  ) {}

  /** The process is up. */
  @Get('healthz')
  @HttpCode(200)
  healthz() {
    return { status: 'ok' };
  }

  /** Postgres, Redis and S3 answer; 503 names the ones that do not. */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks = {
      postgres: () => this.db.query('SELECT 1'),
      redis: () => this.queue.ping(),
      s3: () => this.storage.ping(),
    };
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const status = Object.fromEntries(results);
    const ready = results.every(([, s]) => s === 'ok');
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', checks: status };
  }
}
