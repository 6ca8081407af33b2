import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '@streamforge/core';
import Redis from 'ioredis';
import { LOCAL_S3_CREDENTIALS } from '../../scripts/local-s3';
import { client, waitFor } from '../support/http';

const ROOT = join(__dirname, '..', '..');

/** Short locks so a killed worker's job is taken over in seconds, not 30 s. */
export const FAST_RECOVERY = {
  // Short enough that a killed worker's job is picked up in seconds, long enough that a live worker on
  // a loaded machine keeps renewing its lock (a lost lock counts as a stall, and two fail the job).
  WORKER_LOCK_DURATION_MS: '10000',
  WORKER_STALLED_INTERVAL_MS: '1000',
  RECONCILE_INTERVAL_SECONDS: '1',
};

/** The environment that makes a separate worker process join the system `config` describes. */
export function envOf(config: AppConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redis.url,
    REDIS_PREFIX: config.redis.prefix,
    S3_BUCKET: config.s3.bucket,
    S3_ENDPOINT: config.s3.endpoint!,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    ...FAST_RECOVERY,
    ...extra,
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 16 KiB the worker wrote (stdout and stderr), for a failing test's message. */
  log(): string;
}

const LOG_TAIL = 16 * 1024;

/** The compiled worker (`npm test` builds it) in its own process, resolved once it has started. */
export async function startWorkerProcess(
  config: AppConfig,
  extra: Record<string, string> = {},
): Promise<WorkerProcess> {
  const main = join(ROOT, 'worker', 'dist', 'main.js');
  await stat(main).catch(() => {
    throw new Error('worker/dist/main.js is missing: run `npm run build` (npm test does) first');
  });
  const child = spawn(process.execPath, [main], { env: envOf(config, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-LOG_TAIL));
  child.stderr!.on('data', keep);
  child.stdout!.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('StreamForge worker started')) resolve();
    });
    void exited.then(({ code }) => reject(new Error(`worker exited with ${code} before starting: ${log}`)));
  });
  return { child, exited, log: () => log };
}

/** Deletes every key under this test's own prefix, as if Redis had lost its data. Never FLUSHALL. */
export async function deleteRedisPrefix(config: AppConfig): Promise<number> {
  const redis = new Redis(config.redis.url);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redis.prefix}:*`, 'COUNT', 500);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Uploads `path` as a customer would (single PUT) and completes it; returns the video id. */
export async function uploadAndComplete(api: ReturnType<typeof client>, path: string): Promise<string> {
  const bytes = await readFile(path);
  const created = await api('POST', '/v1/uploads', {
    filename: 'clip.mp4',
    size: bytes.length,
    content_type: 'video/mp4',
  });
  if (created.status !== 201) throw new Error(`upload not created: ${JSON.stringify(created.body)}`);
  const put = await fetch(created.body.part_urls[0].url, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { 'content-type': 'video/mp4' },
  });
  if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
  const completed = await api('POST', `/v1/uploads/${created.body.id}/complete`);
  if (completed.status !== 202) throw new Error(`complete answered ${completed.status}`);
  return created.body.video_id;
}

export function waitForVideo(
  api: ReturnType<typeof client>,
  id: string,
  done: (video: any) => boolean,
  timeoutMs = 90_000,
) {
  return waitFor(
    () => api('GET', `/v1/videos/${id}`),
    (r) => done(r.body),
    timeoutMs,
  ).then((r) => r.body);
}

export const settled = (video: any) => video.status === 'ready' || video.status === 'failed';
export const transcoding = (video: any) => video.status !== 'processing' || video.progress?.stage === 'transcoding';
