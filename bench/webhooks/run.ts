/**
 * `npm run bench:webhooks` — webhook fan-out and delivery with the transcoding queue busy.
 *
 * A fresh database and Redis prefix, the embedded S3 and the api in this process; the compiled
 * worker in its own process (as in production); a receiver on loopback in this process. Before
 * measuring, a few generated clips are uploaded and completed so the worker's ffmpeg is encoding
 * throughout. Each run: N endpoints (1, 10, 100) subscribed to `video.updated`; events are
 * committed straight into the outbox at a target rate (open loop); the receiver notes when each
 * (event, endpoint) pair arrives. Figures per run: deliveries per second (first commit → last
 * receipt), and p50/p99 of commit → receipt. Every run is printed, then median, min and max.
 *
 * Env: BENCH_RUNS (5), BENCH_RATE (events/s, 100), BENCH_EVENTS (per run for 1 and 10 endpoints,
 * 300; 100 endpoints get a tenth of it), BENCH_ENDPOINTS ("1,10,100"), BENCH_CLIPS (3).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { createDataSource, loadConfig, migrate, randomBase62, recordEvent } from '@streamforge/core';
// Compiled by `npm run build` (scripts/); plain JS here, so no rootDir games.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startLocalS3, LOCAL_S3_CREDENTIALS } = require('../../../scripts/dist/local-s3');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createScratchDatabase, dropRedisPrefix, dropScratchDatabase } = require('../../../scripts/dist/scratch');

const ROOT = join(__dirname, '..', '..', '..');
const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const ENDPOINTS = (process.env.BENCH_ENDPOINTS ?? '1,10,100').split(',').map(Number);
const CLIPS = Number(process.env.BENCH_CLIPS ?? 3);

interface RunResult {
  endpoints: number;
  events: number;
  deliveries: number;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  transcoding: boolean;
  /** Events actually committed per second (the target is BENCH_RATE). */
  committedPerSecond: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const tag = `bench_${randomBase62(8).toLowerCase()}`;
  const databaseUrl = await createScratchDatabase(ADMIN, `sf_${tag}`);
  const dir = await mkdtemp(join(tmpdir(), 'sf-bench-webhooks-'));
  const s3 = await startLocalS3({ directory: join(dir, 's3'), bucket: 'bench' });
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: `sfb_${tag}`,
    S3_BUCKET: 'bench',
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    RATE_LIMIT_REQUESTS: '100000',
    // The busy clips go up in one PUT.
    UPLOAD_MULTIPART_THRESHOLD: String(5 * 1024 ** 3),
    UPLOAD_PART_SIZE: String(5 * 1024 ** 3),
  };
  const config = loadConfig(env);
  let api: Awaited<ReturnType<typeof createApiApp>> | undefined;
  let worker: ChildProcess | undefined;
  let ds: ReturnType<typeof createDataSource> | undefined;
  let receiver: http.Server | undefined;
  try {
    await migrate(config.databaseUrl);
    api = await createApiApp(config, { logLevel: 'error' });
    await api.listen(0, '127.0.0.1');
    const base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    worker = spawn(process.execPath, [join(ROOT, 'worker', 'dist', 'main.js')], {
      env: { PATH: process.env.PATH, ...env, WORKER_SHUTDOWN_GRACE_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      worker!.stdout!.on('data', (c: Buffer) => c.toString().includes('worker started') && resolve());
      worker!.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    worker!.stdout!.resume();
    ds = createDataSource(config.databaseUrl);
    await ds!.initialize();

    // Receipts: `${eventId} ${endpoint}` → performance.now().
    const receipts = new Map<string, number>();
    let expected = 0;
    let onAll: (() => void) | undefined;
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();
        const { id } = JSON.parse(Buffer.concat(chunks).toString()) as { id: string };
        receipts.set(`${id} ${req.url}`, receipts.get(`${id} ${req.url}`) ?? at);
        res.writeHead(204).end();
        if (receipts.size >= expected) onAll?.();
      });
    });
    await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
    const receiverUrl = `http://127.0.0.1:${(receiver!.address() as AddressInfo).port}`;

    const { key, accountId } = await ds.transaction(async (m) => {
      const account = await findOrCreateAccount(m, 'bench');
      return { key: (await issueApiKey(m, { accountId: account.id, livemode: false })).secret, accountId: account.id };
    });
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API objects read loosely, as a script would
      return (await r.json()) as any;
    };

    // Keep ffmpeg busy: a 60 s 720p clip uploaded CLIPS times.
    const clip = join(dir, 'clip.mp4');
    spawnSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1280x720:rate=30:duration=60',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=60',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-shortest',
      clip,
    ]);
    const bytes = await readFile(clip);
    for (let i = 0; i < CLIPS; i++) {
      const upload = await call('POST', '/v1/uploads', {
        filename: 'busy.mp4',
        size: bytes.length,
        content_type: 'video/mp4',
      });
      const put = await fetch(upload.part_urls[0].url, {
        method: 'PUT',
        body: bytes,
        headers: { 'content-type': 'video/mp4' },
      });
      const completed = await call('POST', `/v1/uploads/${upload.id}/complete`);
      if (!put.ok || completed.error)
        throw new Error(`busy clip not queued: PUT ${put.status} ${JSON.stringify(completed)}`);
    }
    const transcodingNow = async () =>
      Number((await ds!.query(`SELECT count(*) AS n FROM videos WHERE status = 'processing'`))[0].n) > 0;

    const results: RunResult[] = [];
    let previous: string[] = [];
    for (const n of ENDPOINTS) {
      for (const id of previous) await call('PATCH', `/v1/webhook_endpoints/${id}`, { disabled: true });
      previous = [];
      for (let i = 0; i < n; i++) {
        const e = await call('POST', '/v1/webhook_endpoints', {
          url: `${receiverUrl}/e${i}`,
          enabled_events: ['video.updated'],
        });
        previous.push(e.id);
      }
      const events = n >= 100 ? Math.ceil(EVENTS / 10) : EVENTS;
      for (let run = 1; run <= RUNS; run++) {
        receipts.clear();
        expected = events * n;
        const done = new Promise<void>((r) => (onAll = r));
        const busy = await transcodingNow();
        const commits = new Map<string, number>();
        const start = performance.now();
        const writes: Promise<void>[] = [];
        for (let i = 0; i < events; i++) {
          // Open loop: event i is due at start + i / RATE, whatever the system is doing.
          const due = start + (i * 1000) / RATE;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          writes.push(
            ds
              .transaction((m) =>
                recordEvent(m, {
                  accountId,
                  livemode: false,
                  type: 'video.updated',
                  object: { id: `vid_bench${i}`, object: 'video', run },
                }),
              )
              .then((event) => void commits.set(event.id, performance.now())),
          );
        }
        await Promise.all(writes);
        const written = (performance.now() - start) / 1000;
        await done;
        const end = Math.max(...receipts.values());
        const latencies = [...receipts.entries()]
          .map(([k, at]) => at - commits.get(k.split(' ')[0])!)
          .sort((a, b) => a - b);
        const result: RunResult = {
          endpoints: n,
          events,
          deliveries: receipts.size,
          deliveriesPerSecond: receipts.size / ((end - start) / 1000),
          p50: quantile(latencies, 0.5),
          p99: quantile(latencies, 0.99),
          transcoding: busy && (await transcodingNow()),
          committedPerSecond: events / written,
        };
        results.push(result);
        console.log(
          `endpoints ${n} run ${run}: ${events} events at ${RATE}/s (committed ${result.committedPerSecond.toFixed(0)}/s) → ${result.deliveries} deliveries, ` +
            `${result.deliveriesPerSecond.toFixed(0)} deliveries/s, commit→receipt p50 ${result.p50.toFixed(0)} ms ` +
            `p99 ${result.p99.toFixed(0)} ms, transcoding busy throughout: ${result.transcoding ? 'yes' : 'no'}`,
        );
      }
      const mine = results.filter((r) => r.endpoints === n);
      const fmt = (k: 'deliveriesPerSecond' | 'p50' | 'p99') => {
        const xs = mine.map((r) => r[k]);
        return `${median(xs).toFixed(0)} (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
      };
      console.log(
        `endpoints ${n}, ${mine.length} runs — median deliveries/s ${fmt('deliveriesPerSecond')}, ` +
          `p50 ms ${fmt('p50')}, p99 ms ${fmt('p99')}`,
      );
    }
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    receiver?.close();
    if (ds?.isInitialized) await ds.destroy();
    await api?.close();
    await s3.close();
    await rm(dir, { recursive: true, force: true });
    await dropRedisPrefix(REDIS_URL, config.redis.prefix);
    await dropScratchDatabase(ADMIN, `sf_${tag}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
