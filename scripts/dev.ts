import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  tuneBufferGc,
  ApiKey,
  ConfigError,
  createDataSource,
  LOCAL_DEFAULTS,
  loadConfig,
  migrate,
  sha256Hex,
} from '@streamforge/core';
import Redis from 'ioredis';
import { Client } from 'pg';
import { IsNull } from 'typeorm';
import { createApiApp, findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { LOCAL_S3_CREDENTIALS, startLocalS3 } from './local-s3';

const DATA_DIR = join(__dirname, '..', '..', '.data');
const LOCAL_S3_PORT = Number(process.env.LOCAL_S3_PORT ?? 4569);

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Creates the database when missing; says in one line how to start Postgres when it is down. */
async function ensureDatabase(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    fail(
      `Postgres is not reachable at ${target.host} (${(error as Error).message}). Start it ` +
        '(e.g. `pg_ctlcluster 15 main start`, `brew services start postgresql`) or run `docker compose up -d postgres redis`.',
    );
  }
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!exists.rowCount) {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.log(`created database ${name}`);
  }
  await client.end();
}

async function ensureRedis(url: string) {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(
      `Redis is not reachable at ${new URL(url).host} (${(error as Error).message}). Start it ` +
        '(e.g. `redis-server --daemonize yes`) or run `docker compose up -d postgres redis`.',
    );
  } finally {
    redis.disconnect();
  }
}

/** Reuses the development key kept in .data/ while it is still valid, otherwise issues a new one. */
async function developmentKey(databaseUrl: string): Promise<string> {
  const file = join(DATA_DIR, 'dev-api-key');
  const db = createDataSource(databaseUrl);
  await db.initialize();
  try {
    const saved = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (saved && (await db.getRepository(ApiKey).existsBy({ secretHash: sha256Hex(saved), revokedAt: IsNull() }))) {
      return saved;
    }
    const secret = await db.transaction(async (m) => {
      const account = await findOrCreateAccount(m, 'development');
      return (await issueApiKey(m, { accountId: account.id, livemode: false, name: 'npm run dev' })).secret;
    });
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  } finally {
    await db.destroy();
  }
}

async function main() {
  await mkdir(DATA_DIR, { recursive: true });
  // Local receivers (http://127.0.0.1:4000/hooks) must work under npm run dev; production refuses this switch.
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'development',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...process.env,
  };
  let localS3 = '';
  if (!env.S3_ENDPOINT) {
    const bucket = env.S3_BUCKET ?? LOCAL_DEFAULTS.S3_BUCKET;
    const s3 = await startLocalS3({ directory: join(DATA_DIR, 's3'), bucket, port: LOCAL_S3_PORT }).catch((error) =>
      fail(
        `Could not start the embedded S3 on 127.0.0.1:${LOCAL_S3_PORT}: ${(error as Error).message}. Set LOCAL_S3_PORT.`,
      ),
    );
    Object.assign(env, {
      S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    });
    localS3 = `${s3.endpoint} (embedded, data in .data/s3)`;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // This process serves the embedded store's bytes; none have flowed yet (core/src/runtime/buffer-gc.ts).
  tuneBufferGc(config.bufferGc);
  await ensureDatabase(config.databaseUrl);
  await ensureRedis(config.redis.url);
  await migrate(config.databaseUrl, {
    appPassword: decodeURIComponent(new URL(config.databaseAppUrl).password) || undefined,
  });
  const key = await developmentKey(config.databaseUrl);

  // The worker runs as its own process, as in production; it dies with this one.
  const worker = spawn(process.execPath, [require.resolve('@streamforge/worker/dist/main.js')], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  worker.on('exit', (code) => fail(`the worker exited (code ${code}); see its output above`));
  process.on('exit', () => worker.kill('SIGTERM'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));

  const api = await createApiApp(config);
  await api.listen(config.port, '127.0.0.1');
  const url = `http://127.0.0.1:${config.port}`;
  console.log(`
StreamForge is running.
  API        ${url}/v1
  Docs       ${url}/docs   (OpenAPI: ${url}/openapi.json)
  Storage    ${localS3 || config.s3.endpoint || `AWS S3 bucket ${config.s3.bucket}`}
  API key    ${key}

Try: curl -H "Authorization: Bearer ${key}" ${url}/v1/videos
`);
}

main().catch((error: unknown) => fail(`StreamForge failed to start: ${(error as Error).stack ?? error}`));
