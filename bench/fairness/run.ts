/**
 * `npm run bench:fairness` — does one account's long job hold back another account's short ones?
 *
 * Account A submits one long source; once it is transcoding, account B submits ten short clips.
 * Prints B's median and p95 time from `complete` to `ready`, alone and with A's job running, with
 * one and with two worker processes (the compiled worker, default settings). Goal: B's p95 with A
 * running ≤ 2× B's p95 alone.
 *
 * Sizes default to what a shared 2-core machine runs in minutes: A 600 s and B 10 s, both 640x360
 * 25 fps (`BENCH_A_SECONDS`, `BENCH_B_SECONDS`, `BENCH_SIZE` change them). Needs Postgres and Redis
 * like the tests; S3 and the api run in this process, workers as child processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { type AppConfig, createDataSource, loadConfig, migrate, randomBase62 } from '@streamforge/core';
// Compiled by `npm run build` (scripts/); plain JS here, so no rootDir games.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startLocalS3, LOCAL_S3_CREDENTIALS } = require('../../../scripts/dist/local-s3');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createScratchDatabase, dropRedisPrefix, dropScratchDatabase } = require('../../../scripts/dist/scratch');

const ROOT = join(__dirname, '..', '..', '..');
const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const A_SECONDS = Number(process.env.BENCH_A_SECONDS ?? 600);
const B_SECONDS = Number(process.env.BENCH_B_SECONDS ?? 10);
const SIZE = process.env.BENCH_SIZE ?? '640x360';
const B_CLIPS = 10;

/** The few response fields the benchmark reads. */
interface Answer {
  id: string;
  video_id: string;
  status: string;
  progress: { stage: string } | null;
  error: unknown;
  part_urls: Array<{ url: string }>;
}
type Call = (method: string, path: string, body?: unknown) => Promise<Answer>;

async function makeSource(path: string, seconds: number) {
  if (existsSync(path)) return;
  await run('ffmpeg', [
    '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${SIZE}:rate=25:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart', path,
  ]); // prettier-ignore
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

/** Uploads `path` (single PUT) and completes it; resolves with the video id and the time of `complete`. */
async function submit(call: Call, path: string): Promise<{ id: string; completedAt: number }> {
  const bytes = await readFile(path);
  const upload = await call('POST', '/v1/uploads', {
    filename: 'b.mp4',
    size: bytes.length,
    content_type: 'video/mp4',
  });
  const put = await fetch(upload.part_urls[0].url, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': 'video/mp4' },
  });
  if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
  const completedAt = performance.now();
  await call('POST', `/v1/uploads/${upload.id}/complete`);
  return { id: upload.video_id, completedAt };
}

async function waitUntil(call: Call, id: string, done: (v: Answer) => boolean): Promise<Answer> {
  for (;;) {
    const video = await call('GET', `/v1/videos/${id}`);
    if (video.status === 'failed') throw new Error(`${id} failed: ${JSON.stringify(video.error)}`);
    if (done(video)) return video;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startWorker(config: AppConfig): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'worker', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redis.url,
      REDIS_PREFIX: config.redis.prefix,
      S3_BUCKET: config.s3.bucket,
      S3_ENDPOINT: config.s3.endpoint!,
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
      WORKER_SHUTDOWN_GRACE_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('StreamForge worker started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** One scenario on a fresh system: B's ten times to ready, in seconds. */
async function scenario(workers: number, withA: boolean, aSource: string, bSource: string): Promise<number[]> {
  const tag = `bench_${randomBase62(8).toLowerCase()}`;
  const databaseUrl = await createScratchDatabase(ADMIN, `sf_${tag}`);
  const dir = await mkdtemp(join(tmpdir(), 'sf-bench-s3-'));
  const s3 = await startLocalS3({ directory: dir, bucket: 'bench' });
  const config = loadConfig({
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
  });
  await migrate(config.databaseUrl);
  const api = await createApiApp(config, { logLevel: 'error' });
  await api.listen(0, '127.0.0.1');
  const base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) children.push(await startWorker(config));
    const ds = createDataSource(config.databaseUrl);
    await ds.initialize();
    const keyOf = (name: string) =>
      ds.transaction(
        async (m) =>
          (await issueApiKey(m, { accountId: (await findOrCreateAccount(m, name)).id, livemode: false })).secret,
      );
    const [keyA, keyB] = [await keyOf('bench-a'), await keyOf('bench-b')];
    await ds.destroy();
    const caller =
      (key: string): Call =>
      async (method, path, body) =>
        (await (
          await fetch(base + path, {
            method,
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          })
        ).json()) as Answer;
    const [a, b] = [caller(keyA), caller(keyB)];
    let aId: string | undefined;
    if (withA) {
      aId = (await submit(a, aSource)).id;
      await waitUntil(a, aId, (v) => v.progress?.stage === 'transcoding');
    }
    const submitted = [];
    for (let i = 0; i < B_CLIPS; i++) submitted.push(await submit(b, bSource));
    const times = await Promise.all(
      submitted.map(async ({ id, completedAt }) => {
        await waitUntil(b, id, (v) => v.status === 'ready');
        return (performance.now() - completedAt) / 1000;
      }),
    );
    if (aId && (await a('GET', `/v1/videos/${aId}`)).status !== 'processing') {
      console.warn('  (A finished before B: make BENCH_A_SECONDS longer for a meaningful run)');
    }
    return times.sort((x, y) => x - y);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await api.close();
    await s3.close();
    await rm(dir, { recursive: true, force: true });
    await dropRedisPrefix(REDIS_URL, `sfb_${tag}`);
    await dropScratchDatabase(ADMIN, `sf_${tag}`);
  }
}

async function main() {
  const aSource = join(tmpdir(), `sf-bench-fair-a-${SIZE}-${A_SECONDS}s.mp4`);
  const bSource = join(tmpdir(), `sf-bench-fair-b-${SIZE}-${B_SECONDS}s.mp4`);
  await makeSource(aSource, A_SECONDS);
  await makeSource(bSource, B_SECONDS);
  console.log(`A: one ${A_SECONDS} s ${SIZE} source; B: ${B_CLIPS} × ${B_SECONDS} s ${SIZE}; ${cpus().length} cores`);
  for (const workers of [1, 2]) {
    const alone = await scenario(workers, false, aSource, bSource);
    const withA = await scenario(workers, true, aSource, bSource);
    const row = {
      workers,
      'B alone median s': quantile(alone, 0.5).toFixed(1),
      'B alone p95 s': quantile(alone, 0.95).toFixed(1),
      'B with A median s': quantile(withA, 0.5).toFixed(1),
      'B with A p95 s': quantile(withA, 0.95).toFixed(1),
      'p95 ratio (goal ≤ 2)': (quantile(withA, 0.95) / quantile(alone, 0.95)).toFixed(2),
    };
    console.table(row);
    console.log(JSON.stringify(row));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
