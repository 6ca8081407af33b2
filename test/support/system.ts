import { mkdtemp, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AppConfig,
  createDataSource,
  type HostResolver,
  loadConfig,
  migrate,
  randomBase62,
  systemResolver,
} from '@streamforge/core';
import type { DataSource } from 'typeorm';
import { createApiApp, findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { createWorkerApp } from '@streamforge/worker';
import { LOCAL_S3_CREDENTIALS, type LocalS3, startLocalS3 } from '../../scripts/local-s3';
import { createScratchDatabase, dropRedisPrefix, dropScratchDatabase } from '../../scripts/scratch';

const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * This machine has no outside DNS: names under example.com (RFC 2606) answer with a public
 * address, as they would on the Internet; everything else goes to the system resolver.
 */
export const testResolver: HostResolver = async (host) =>
  /(^|\.)example\.(com|net|org)$/i.test(host)
    ? ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']
    : systemResolver(host);

export interface TestSystem {
  config: AppConfig;
  baseUrl: string;
  s3: LocalS3;
  api?: NestFastifyApplication;
  worker?: INestApplicationContext;
  /** Runs `work` on a connection as the database owner (the api's own connection is row-level secured). */
  asOwner<T>(work: (db: DataSource) => Promise<T>): Promise<T>;
  /** Creates an account (by name) and a test-mode secret key for it. */
  createKey(account: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A whole StreamForge in this process: its own Postgres database, Redis prefix and embedded S3,
 * so test files run side by side without seeing each other.
 */
export async function startSystem(
  opts: {
    api?: boolean;
    worker?: boolean;
    env?: Record<string, string>;
    logLevel?: 'silent' | 'error' | 'warn' | 'info';
    logStream?: Writable;
    /** DNS for webhook hosts; by default `testResolver`. */
    resolveHost?: HostResolver;
  } = {},
): Promise<TestSystem> {
  const tag = `${process.pid}_${randomBase62(8).toLowerCase()}`;
  const dbName = `sf_test_${tag}`;
  const databaseUrl = await createScratchDatabase(ADMIN_DATABASE_URL, dbName);

  const dataDir = await mkdtemp(join(tmpdir(), 'sf-s3-'));
  const s3 = await startLocalS3({ directory: dataDir, bucket: 'streamforge-test' });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: `sft_${tag}`,
    S3_BUCKET: 'streamforge-test',
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    ...opts.env,
  });
  await migrate(config.databaseUrl);

  const api =
    opts.api === false
      ? undefined
      : await createApiApp(config, {
          logLevel: opts.logLevel ?? 'error',
          logStream: opts.logStream,
          resolveHost: opts.resolveHost ?? testResolver,
        });
  let baseUrl = '';
  if (api) {
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  }
  const worker = opts.worker
    ? await createWorkerApp(config, { logger: ['error', 'warn'], resolveHost: opts.resolveHost ?? testResolver })
    : undefined;

  return {
    config,
    baseUrl,
    s3,
    api,
    worker,
    async asOwner(work) {
      const db = createDataSource(config.databaseUrl);
      await db.initialize();
      try {
        return await work(db);
      } finally {
        await db.destroy();
      }
    },
    async createKey(account) {
      const db = createDataSource(config.databaseUrl);
      await db.initialize();
      try {
        return await db.transaction(async (m) => {
          const acct = await findOrCreateAccount(m, account);
          return (await issueApiKey(m, { accountId: acct.id, livemode: false })).secret;
        });
      } finally {
        await db.destroy();
      }
    },
    async close() {
      await worker?.close();
      await api?.close();
      await s3.close();
      await rm(dataDir, { recursive: true, force: true });
      await dropRedisPrefix(REDIS_URL, config.redis.prefix);
      await dropScratchDatabase(ADMIN_DATABASE_URL, dbName);
    },
  };
}
