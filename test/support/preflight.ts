import { spawnSync } from 'node:child_process';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * jest globalSetup: the suite needs ffmpeg, Postgres and Redis. Say in one line each what is
 * missing and how to get it, instead of a hundred timeouts.
 */
export default async function preflight() {
  const problems: string[] = [];
  for (const tool of ['ffmpeg', 'ffprobe']) {
    if (spawnSync(tool, ['-version']).status !== 0) {
      problems.push(`${tool} is not installed (Debian/Ubuntu: apt-get install -y ffmpeg; macOS: brew install ffmpeg)`);
    }
  }
  const pgUrl = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const pg = new Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.end();
  } catch (error) {
    problems.push(
      `Postgres is not reachable at ${new URL(pgUrl).host} (${(error as Error).message}); start it, ` +
        'run `docker compose up -d postgres redis`, or set TEST_ADMIN_DATABASE_URL',
    );
  }
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(
      `Redis is not reachable at ${new URL(redisUrl).host} (${(error as Error).message}); start it or set TEST_REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
  if (problems.length) {
    throw new Error(`The test suite cannot run:\n  - ${problems.join('\n  - ')}\n`);
  }
}
