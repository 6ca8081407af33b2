/**
 * One server per child process, so the load generator in the parent does not share its event loop:
 * `node server.js bare`, `node server.js same-work` or `node server.js streamforge`. It reports what
 * the bench needs over IPC and tears down everything it made (database, Redis keys, S3 folder) on
 * `close`.
 */
import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp, findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { createDataSource, loadConfig, migrate, randomBase62 } from '@streamforge/core';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { BareModule } from './bare.module';
import { createBenchVideo } from './bench-video';
import { SAME_WORK_ROW_ID, SAME_WORK_SCHEMA, SameWorkModule } from './same-work.module';

// The compiled embedded S3 of the dev launcher (npm run build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LOCAL_S3_CREDENTIALS, startLocalS3 } = require('../../../scripts/dist/local-s3.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createScratchDatabase, dropRedisPrefix, dropScratchDatabase } = require('../../../scripts/dist/scratch.js');

const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const RATE_LIMIT_REQUESTS = '1000000';

export interface Ready {
  url: string;
  key?: string;
  videoId?: string;
  notes: string[];
}

async function bare(): Promise<{ ready: Ready; close: () => Promise<void> }> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { ready: { url, notes: [] }, close: () => app.close() };
}

async function sameWork(): Promise<{ ready: Ready; close: () => Promise<void> }> {
  const tag = `${process.pid}_${randomBase62(8).toLowerCase()}`;
  const dbName = `sf_bench_same_${tag}`;
  const prefix = `sfb_same_${tag}`;
  const databaseUrl = await createScratchDatabase(ADMIN_DATABASE_URL, dbName);
  // The same pool size as StreamForge's (core's dataSourceOptions: max 10).
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(SAME_WORK_SCHEMA);
  const redis = new Redis(REDIS_URL);
  const app = await NestFactory.create<NestFastifyApplication>(
    SameWorkModule.forRoot(pool, redis, prefix),
    new FastifyAdapter(),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    ready: { url, videoId: SAME_WORK_ROW_ID, notes: [`database ${dbName}, Redis prefix ${prefix}`] },
    async close() {
      await app.close();
      await pool.end();
      redis.disconnect();
      await dropRedisPrefix(REDIS_URL, prefix);
      await dropScratchDatabase(ADMIN_DATABASE_URL, dbName);
    },
  };
}

async function streamforge(): Promise<{ ready: Ready; close: () => Promise<void> }> {
  const tag = `${process.pid}_${randomBase62(8).toLowerCase()}`;
  const dbName = `sf_bench_${tag}`;
  const databaseUrl = await createScratchDatabase(ADMIN_DATABASE_URL, dbName);

  const dataDir = await mkdtemp(join(tmpdir(), 'sf-bench-s3-'));
  const s3 = await startLocalS3({ directory: dataDir, bucket: 'streamforge-bench' });
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: `sfb_${tag}`,
    S3_BUCKET: 'streamforge-bench',
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    // The bench measures the api, not the limiter: one key sends far more than the default 100/s.
    RATE_LIMIT_REQUESTS,
    RATE_LIMIT_WINDOW_SECONDS: '1',
    // To measure without the key cache: API_KEY_CACHE_SECONDS=0 npm run bench:api
    ...(process.env.API_KEY_CACHE_SECONDS ? { API_KEY_CACHE_SECONDS: process.env.API_KEY_CACHE_SECONDS } : {}),
  });
  await migrate(config.databaseUrl);

  const db = createDataSource(config.databaseUrl);
  await db.initialize();
  const key = await db.transaction(async (m) => {
    const account = await findOrCreateAccount(m, 'bench');
    return (await issueApiKey(m, { accountId: account.id, livemode: false })).secret;
  });
  await db.destroy();

  // Request logs as in production: JSON at info on stdout, which the bench points at /dev/null.
  const app = await (createApiApp as (c: typeof config, o: object) => Promise<NestFastifyApplication>)(config, {
    logLevel: 'info',
    logger: ['error', 'warn'],
  });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const videoId = await createBenchVideo(url, key);

  return {
    ready: {
      url,
      key,
      videoId,
      notes: [
        `fresh database ${dbName}, Redis prefix sfb_${tag}, embedded S3 (s3rver) on ${s3.endpoint}`,
        `per-key rate limit raised to RATE_LIMIT_REQUESTS=${RATE_LIMIT_REQUESTS} per RATE_LIMIT_WINDOW_SECONDS=1 (default 100/s)`,
        "request logs: JSON at info level on the api's own stdout logger, which is /dev/null here",
      ],
    },
    async close() {
      await app.close();
      await s3.close();
      await rm(dataDir, { recursive: true, force: true });
      await dropRedisPrefix(REDIS_URL, `sfb_${tag}`);
      await dropScratchDatabase(ADMIN_DATABASE_URL, dbName);
    },
  };
}

/** The bench profiles only while StreamForge is under load: `{ profile: 'start' }`, then `{ profile: 'stop', file }`. */
type ProfileMessage = { profile: 'start' } | { profile: 'stop'; file: string };
const isProfileMessage = (m: unknown): m is ProfileMessage =>
  typeof m === 'object' && m !== null && 'profile' in (m as object);
const inspector = new Session();
async function profile(message: ProfileMessage): Promise<string> {
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      inspector.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (message.profile === 'start') {
    inspector.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
    return 'started';
  }
  const { profile: taken } = (await post('Profiler.stop')) as { profile: object };
  inspector.disconnect();
  await writeFile(message.file, JSON.stringify(taken));
  return message.file;
}

async function main() {
  const which = process.argv[2];
  const servers = { bare, 'same-work': sameWork, streamforge } as const;
  const make = servers[which as keyof typeof servers];
  if (!make) throw new Error('usage: server.js bare|same-work|streamforge');
  const server = await make();
  process.on('message', async (message) => {
    // CPU time used so far, so the bench can tell CPU per request apart from waiting for a busy machine.
    if (message === 'cpu') return process.send!({ cpu: process.cpuUsage() });
    if (isProfileMessage(message)) return process.send!({ profiled: await profile(message) });
    if (message !== 'close') return;
    await server.close();
    process.send!('closed', () => process.exit(0));
  });
  process.send!({ ready: server.ready });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
