/**
 * `npm run bench:fairness` — does one account's long job hold back another account's short ones?
 *
 * Account A submits one long source; once it is transcoding, account B submits ten short clips.
 * B's p95 time from `complete` to `ready` with A's job running (ours) is paired with the same ten
 * clips on an idle system (the baseline, "B alone"), alternating, BENCH_RUNS (≥ 5) pairs, with one
 * and with two worker processes (the compiled worker, default settings). Every run is printed, then
 * the median, min and max of each figure and the median of the per-pair p95 ratios (goal ≤ 2).
 *
 * Sizes default to what a shared 2-core machine runs in minutes: A 600 s and B 10 s, both 640x360
 * 25 fps (`BENCH_A_SECONDS`, `BENCH_B_SECONDS`, `BENCH_SIZE` change them). Needs Postgres and Redis
 * like the tests; S3 and the api run in this process, workers as child processes.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Call, startStack, submitFile, waitForVideo } from '../support/stack';
import { describe, median } from '../support/stats';

const A_SECONDS = Number(process.env.BENCH_A_SECONDS ?? 600);
const B_SECONDS = Number(process.env.BENCH_B_SECONDS ?? 10);
const SIZE = process.env.BENCH_SIZE ?? '640x360';
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const B_CLIPS = 10;
/** `TRANSCODE_THREADS` for the workers (unset: the default split), to compare thread policies. */
const THREADS = process.env.TRANSCODE_THREADS;

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

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** One scenario on a fresh system: B's ten times to ready, in seconds, sorted. */
async function scenario(workers: number, withA: boolean, aSource: string, bSource: string): Promise<number[]> {
  const stack = await startStack({ env: THREADS ? { TRANSCODE_THREADS: THREADS } : {} });
  try {
    for (let i = 0; i < workers; i++) await stack.startWorkerProcess();
    const [a, b]: Call[] = [
      stack.caller((await stack.account('bench-a')).key),
      stack.caller((await stack.account('bench-b')).key),
    ];
    let aId: string | undefined;
    if (withA) {
      aId = (await submitFile(a, aSource)).videoId;
      await waitForVideo(a, aId, (v) => v.progress?.stage === 'transcoding');
    }
    const submitted = [];
    for (let i = 0; i < B_CLIPS; i++) submitted.push(await submitFile(b, bSource));
    const times = await Promise.all(
      submitted.map(async ({ videoId, completedAt }) => {
        await waitForVideo(b, videoId, (v) => v.status === 'ready');
        return (performance.now() - completedAt) / 1000;
      }),
    );
    if (aId && (await a('GET', `/v1/videos/${aId}`)).status !== 'processing') {
      console.warn('  (A finished before B: make BENCH_A_SECONDS longer for a meaningful run)');
    }
    return times.sort((x, y) => x - y);
  } finally {
    await stack.close();
  }
}

async function main() {
  const aSource = join(tmpdir(), `sf-bench-fair-a-${SIZE}-${A_SECONDS}s.mp4`);
  const bSource = join(tmpdir(), `sf-bench-fair-b-${SIZE}-${B_SECONDS}s.mp4`);
  await makeSource(aSource, A_SECONDS);
  await makeSource(bSource, B_SECONDS);
  console.log(
    `A: one ${A_SECONDS} s ${SIZE} source; B: ${B_CLIPS} × ${B_SECONDS} s ${SIZE}; ${RUNS} pairs per worker count ` +
      `(B beside A's job, then B alone); ${cpus().length} cores`,
  );
  for (const workers of [1, 2]) {
    const rows: Array<{ withA: number[]; alone: number[] }> = [];
    for (let i = 1; i <= RUNS; i++) {
      const withA = await scenario(workers, true, aSource, bSource);
      const alone = await scenario(workers, false, aSource, bSource);
      rows.push({ withA, alone });
      console.log(
        JSON.stringify({
          workers,
          run: i,
          'B with A median s': +quantile(withA, 0.5).toFixed(1),
          'B with A p95 s': +quantile(withA, 0.95).toFixed(1),
          'B alone median s': +quantile(alone, 0.5).toFixed(1),
          'B alone p95 s': +quantile(alone, 0.95).toFixed(1),
          'p95 ratio': +(quantile(withA, 0.95) / quantile(alone, 0.95)).toFixed(2),
          load: +loadavg()[0].toFixed(1),
        }),
      );
    }
    const of = (pick: (r: { withA: number[]; alone: number[] }) => number) => rows.map(pick);
    const ratios = of((r) => quantile(r.withA, 0.95) / quantile(r.alone, 0.95));
    const row = {
      workers,
      'B with A p95 s, median (min–max)': describe(
        of((r) => quantile(r.withA, 0.95)),
        1,
      ),
      'B alone p95 s, median (min–max)': describe(
        of((r) => quantile(r.alone, 0.95)),
        1,
      ),
      'B with A median s, median (min–max)': describe(
        of((r) => quantile(r.withA, 0.5)),
        1,
      ),
      'B alone median s, median (min–max)': describe(
        of((r) => quantile(r.alone, 0.5)),
        1,
      ),
      'p95 ratio, median of pairs (min–max) (goal ≤ 2)': `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
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
