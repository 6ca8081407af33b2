/**
 * What the benchmarks share: a whole StreamForge on a scratch database and Redis prefix with the
 * embedded S3 and the api in this process (the worker in-process or as the compiled binary), and
 * the customer's side of a job — upload a file, complete it, poll the video.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { createApiApp, findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { type AppConfig, createDataSource, loadConfig, migrate, randomBase62 } from '@streamforge/core';
import { createWorkerApp } from '@streamforge/worker';
// Compiled by `npm run build` (scripts/); plain JS here, so no rootDir games.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startLocalS3, LOCAL_S3_CREDENTIALS } = require('../../../scripts/dist/local-s3');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createScratchDatabase, dropRedisPrefix, dropScratchDatabase } = require('../../../scripts/dist/scratch');

const ROOT = join(__dirname, '..', '..', '..');
const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** An API object read loosely, as a script would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = any;
export type Call = (method: string, path: string, body?: unknown) => Promise<Answer>;

export interface BenchStack {
  config: AppConfig;
  /** The environment the stack was configured from, for worker processes. */
  env: Record<string, string>;
  /** The api's base URL. */
  base: string;
  /** The account `name` (created on first use) and a new test-mode secret key for it. */
  account(name: string): Promise<{ key: string; accountId: string }>;
  /** Calls the api with `key`, answering the parsed JSON body. */
  caller(key: string): Call;
  /** The compiled worker (`worker/dist/main.js`) in a process of its own, once it says it started. */
  startWorkerProcess(): Promise<ChildProcess>;
  close(): Promise<void>;
}

/**
 * Starts the api (and with `worker: true` the worker, in this process) on a fresh database, Redis
 * prefix and embedded S3. Sources go up in one PUT and the per-key rate limit is out of the way;
 * `env` overrides any setting.
 */
export async function startStack(
  opts: {
    worker?: boolean;
    env?: Record<string, string>;
    onWorkerLog?: (message: string) => void;
    /** Hears each request the embedded store receives. */
    onStoreRequest?: (method: string, url: string) => void;
  } = {},
): Promise<BenchStack> {
  const tag = `bench_${randomBase62(8).toLowerCase()}`;
  const databaseUrl: string = await createScratchDatabase(ADMIN, `sf_${tag}`);
  const dir = await mkdtemp(join(tmpdir(), 'sf-bench-s3-'));
  const s3 = await startLocalS3({ directory: dir, bucket: 'bench', onRequest: opts.onStoreRequest });
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: `sfb_${tag}`,
    S3_BUCKET: 'bench',
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    UPLOAD_MULTIPART_THRESHOLD: String(5 * 1024 ** 3),
    UPLOAD_PART_SIZE: String(5 * 1024 ** 3),
    RATE_LIMIT_REQUESTS: '100000',
    ...opts.env,
  };
  const config = loadConfig(env);
  const children: ChildProcess[] = [];
  const agent = new Agent({ keepAlive: true });
  let api: Awaited<ReturnType<typeof createApiApp>> | undefined;
  let worker: INestApplicationContext | undefined;
  const close = async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    agent.destroy();
    await worker?.close();
    await api?.close();
    await s3.close();
    await rm(dir, { recursive: true, force: true });
    await dropRedisPrefix(REDIS_URL, config.redis.prefix);
    await dropScratchDatabase(ADMIN, `sf_${tag}`);
  };
  try {
    await migrate(config.databaseUrl);
    api = await createApiApp(config, { logLevel: 'error' });
    await api.listen(0, '127.0.0.1');
    if (opts.worker) worker = await createWorkerApp(config, { logger: workerLogger(opts.onWorkerLog) });
  } catch (error) {
    await close();
    throw error;
  }
  const base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    config,
    env,
    base,
    async account(name) {
      const ds = createDataSource(config.databaseUrl);
      await ds.initialize();
      try {
        return await ds.transaction(async (m) => {
          const accountId = (await findOrCreateAccount(m, name)).id;
          return { key: (await issueApiKey(m, { accountId, livemode: false })).secret, accountId };
        });
      } finally {
        await ds.destroy();
      }
    },
    caller: (key) => (method, path, body) => callApi(agent, base, key, method, path, body),
    startWorkerProcess() {
      const child = spawn(process.execPath, [join(ROOT, 'worker', 'dist', 'main.js')], {
        env: { PATH: process.env.PATH ?? '', ...env, WORKER_SHUTDOWN_GRACE_SECONDS: '0' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return new Promise((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('worker started')) resolve(child);
        });
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
    },
    close,
  };
}

/**
 * Uploads `path` in one PUT to its presigned URL (streamed: sources can exceed what one Buffer
 * holds) and completes the upload; `completedAt` is `performance.now()` as `complete` was sent.
 */
export async function submitFile(
  call: Call,
  path: string,
  contentType = 'video/mp4',
): Promise<{ uploadId: string; videoId: string; completedAt: number }> {
  const size = (await stat(path)).size;
  const upload = await call('POST', '/v1/uploads', { filename: 'bench.mp4', size, content_type: contentType });
  if (!upload.part_urls) throw new Error(`POST /v1/uploads answered ${JSON.stringify(upload)}`);
  const status = await putFile(upload.part_urls[0].url, path, size, contentType);
  if (status !== 200) throw new Error(`PUT answered ${status}`);
  // BENCH_SETTLE_DISK=1: the embedded store just wrote the whole source to this machine's disk; let
  // the disk write it out before the clock starts, as a store on other machines would not share it.
  if (process.env.BENCH_SETTLE_DISK) execFileSync('sync');
  const completedAt = performance.now();
  const completed = await call('POST', `/v1/uploads/${upload.id}/complete`);
  if (completed.error) throw new Error(`complete answered ${JSON.stringify(completed)}`);
  return { uploadId: upload.id, videoId: upload.video_id, completedAt };
}

/**
 * The bench's own client: node:http over `agent`'s kept-alive sockets. It shares the machine with
 * what it measures; with `fetch` (undici) a poll cost this process (client and api) 1.14 – 1.96 ms
 * of CPU instead of 0.70 – 1.14 (5 rounds of 800 polls each).
 */
function callApi(
  agent: Agent,
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      base + path,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * Polls the video until `done` holds; a failed video throws. `onPoll` sees every answer.
 * `intervalMs` says how long to wait after each answer (100 ms unless given).
 */
export async function waitForVideo(
  call: Call,
  id: string,
  done: (video: Answer) => boolean,
  onPoll?: (video: Answer) => void,
  intervalMs: (video: Answer) => number = () => 100,
): Promise<Answer> {
  for (;;) {
    const video = await call('GET', `/v1/videos/${id}`);
    onPoll?.(video);
    if (!video.status) throw new Error(`GET /v1/videos/${id} answered ${JSON.stringify(video)}`);
    if (video.status === 'failed') throw new Error(`${id} failed: ${JSON.stringify(video.error)}`);
    if (done(video)) return video;
    await new Promise((r) => setTimeout(r, intervalMs(video)));
  }
}

function putFile(url: string, path: string, size: number, contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'PUT', headers: { 'content-length': size, 'content-type': contentType } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    createReadStream(path).on('error', reject).pipe(request);
  });
}

/** The in-process worker's log: errors to stderr, and its info lines to `onLog` when given. */
function workerLogger(onLog?: (message: string) => void): LoggerService {
  const text = (message: unknown) => (typeof message === 'string' ? message : JSON.stringify(message));
  return {
    log: (message: unknown) => onLog?.(text(message)),
    error: (message: unknown) => console.error(`worker: ${text(message)}`),
    warn: () => undefined,
  };
}
