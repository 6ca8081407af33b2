/**
 * `npm run bench:webhooks` — webhook fan-out and delivery with the transcoding queue busy.
 *
 * A fresh database and Redis prefix, the embedded S3 and the api in this process; the compiled
 * worker in its own process (as in production); a receiver on loopback in this process. Before
 * measuring, a few generated clips are uploaded and completed so the worker's ffmpeg is encoding
 * throughout. Each run: N endpoints (1, 10, 100) subscribed to `video.updated`; events are
 * committed straight into the outbox at a target rate (open loop); the receiver notes when each
 * (event, endpoint) pair arrives. Figures per run: deliveries per second (first commit → last
 * receipt), and p50/p99 of commit → receipt. Each run is paired with the baseline, run right after
 * it: a bare sender in this process POSTing the same number of signed events at the same rate
 * straight to the same endpoints (p50/p99 of send → receipt). Every pair is printed, then median,
 * min and max of each figure and the median of the per-pair p99 ratios.
 *
 * Env: BENCH_RUNS (5), BENCH_RATE (events/s, 100), BENCH_EVENTS (per run for 1 and 10 endpoints,
 * 300; 100 endpoints get a tenth of it), BENCH_ENDPOINTS ("1,10,100"), BENCH_CLIPS (3).
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, recordEvent } from '@streamforge/core';
import { type BenchStack, startStack, submitFile } from '../support/stack';
import { describe } from '../support/stats';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
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
  /** The baseline's figures in the same pair: a bare signed POST per event and endpoint. */
  bareP50: number;
  bareP99: number;
  p99Ratio: number;
}

const BARE_SECRET = Buffer.from('streamforge-bench-bare-sender');

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'sf-bench-webhooks-'));
  let stack: BenchStack | undefined;
  let ds: ReturnType<typeof createDataSource> | undefined;
  let receiver: http.Server | undefined;
  try {
    stack = await startStack({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    await stack.startWorkerProcess();
    ds = createDataSource(stack.config.databaseUrl);
    await ds.initialize();

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

    const { key, accountId } = await stack.account('bench');
    const call = stack.caller(key);

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
    for (let i = 0; i < CLIPS; i++) await submitFile(call, clip);
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
      /** One open-loop run: `emit(i)` sends event i and says when it counted as sent (committed). */
      const measure = async (emit: (i: number) => Promise<{ id: string; at: number }>) => {
        receipts.clear();
        expected = events * n;
        const done = new Promise<void>((r) => (onAll = r));
        const sentAt = new Map<string, number>();
        const start = performance.now();
        const writes: Promise<void>[] = [];
        for (let i = 0; i < events; i++) {
          // Open loop: event i is due at start + i / RATE, whatever the system is doing.
          const due = start + (i * 1000) / RATE;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          writes.push(emit(i).then(({ id, at }) => void sentAt.set(id, at)));
        }
        await Promise.all(writes);
        const written = (performance.now() - start) / 1000;
        await done;
        const end = Math.max(...receipts.values());
        const latencies = [...receipts.entries()]
          .map(([k, at]) => at - sentAt.get(k.split(' ')[0])!)
          .sort((x, y) => x - y);
        return {
          deliveries: receipts.size,
          deliveriesPerSecond: receipts.size / ((end - start) / 1000),
          p50: quantile(latencies, 0.5),
          p99: quantile(latencies, 0.99),
          committedPerSecond: events / written,
        };
      };
      for (let run = 1; run <= RUNS; run++) {
        const busy = await transcodingNow();
        const ours = await measure(async (i) => {
          const event = await ds!.transaction((m) =>
            recordEvent(m, {
              accountId,
              livemode: false,
              type: 'video.updated',
              object: { id: `vid_bench${i}`, object: 'video', run },
            }),
          );
          return { id: event.id, at: performance.now() };
        });
        // Baseline: the same events signed and POSTed straight from this process to every endpoint.
        const bare = await measure(async (i) => {
          const id = `evt_bare_${run}_${i}`;
          const at = performance.now();
          const body = JSON.stringify({ id, type: 'video.updated', data: { object: { id: `vid_bench${i}`, run } } });
          const timestamp = String(Math.floor(Date.now() / 1000));
          const signature = createHmac('sha256', BARE_SECRET).update(`${id}.${timestamp}.${body}`).digest('base64');
          await Promise.all(
            Array.from({ length: n }, async (_, e) => {
              const response = await fetch(`${receiverUrl}/e${e}`, {
                method: 'POST',
                body,
                headers: {
                  'content-type': 'application/json',
                  'webhook-id': id,
                  'webhook-timestamp': timestamp,
                  'webhook-signature': `v1,${signature}`,
                },
              });
              await response.arrayBuffer();
            }),
          );
          return { id, at };
        });
        const result: RunResult = {
          endpoints: n,
          events,
          deliveries: ours.deliveries,
          deliveriesPerSecond: ours.deliveriesPerSecond,
          p50: ours.p50,
          p99: ours.p99,
          transcoding: busy && (await transcodingNow()),
          committedPerSecond: ours.committedPerSecond,
          bareP50: bare.p50,
          bareP99: bare.p99,
          p99Ratio: ours.p99 / bare.p99,
        };
        results.push(result);
        console.log(
          `endpoints ${n} run ${run}: ${events} events at ${RATE}/s (committed ${result.committedPerSecond.toFixed(0)}/s) → ${result.deliveries} deliveries, ` +
            `${result.deliveriesPerSecond.toFixed(0)} deliveries/s, commit→receipt p50 ${result.p50.toFixed(0)} ms ` +
            `p99 ${result.p99.toFixed(0)} ms, transcoding busy throughout: ${result.transcoding ? 'yes' : 'no'}; ` +
            `bare sender send→receipt p50 ${bare.p50.toFixed(0)} ms p99 ${bare.p99.toFixed(0)} ms ` +
            `(${bare.deliveriesPerSecond.toFixed(0)} deliveries/s); p99 ratio ${result.p99Ratio.toFixed(1)}`,
        );
      }
      const mine = results.filter((r) => r.endpoints === n);
      const fmt = (k: 'deliveriesPerSecond' | 'p50' | 'p99' | 'bareP50' | 'bareP99') =>
        describe(
          mine.map((r) => r[k]),
          0,
        );
      console.log(
        `endpoints ${n}, ${mine.length} pairs, median (min–max) — StreamForge: deliveries/s ${fmt('deliveriesPerSecond')}, ` +
          `p50 ms ${fmt('p50')}, p99 ms ${fmt('p99')}; bare sender: p50 ms ${fmt('bareP50')}, p99 ms ${fmt('bareP99')}; ` +
          `p99 ratio, median of the pairs ${describe(
            mine.map((r) => r.p99Ratio),
            1,
          )}`,
      );
    }
  } finally {
    receiver?.close();
    if (ds?.isInitialized) await ds.destroy();
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
