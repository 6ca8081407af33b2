/**
 * `npm run -s build && tsc -p bench && node bench/dist/transcode/run.js [seconds...]`
 *
 * For each source length (default 60 s), on one source with motion and noise (1080p30, or
 * `BENCH_HEIGHT`) and the configured ladder (default 360/720/1080, veryfast), `BENCH_RUNS` (default 5,
 * at least 5) pairs of runs, alternating, each pair ours first then the baseline:
 *   - ours: the whole job — `complete` → download while probing and transcoding, upload, database →
 *     `ready`, timed from outside through the API, with `complete` → `playable` on the way, and what
 *     it cost this process (CPU seconds), its ffmpeg and ffprobe (CPU seconds) and the store (document
 *     and media PUTs) after `complete`;
 *   - baseline "bare one-pass": the worker's own ffmpeg command (`buildLadderArgs`) on the local
 *     file, alone — no storage, no probe, no upload, no database — and the CPU seconds it used.
 * Prints every run, then the median, min and max of each figure and the median of the per-pair
 * ratios (job / bare). BENCH_SKIP_BASELINES=1 runs the job only; BENCH_UNTIL_PLAYABLE=1 stops each
 * job once playable (time to playable of long sources, no baseline); BENCH_PER_RUNG=1 adds one run of
 * one ffmpeg process per rung (the original brief's way) for reference. BENCH_COMPARE=<another
 * checkout> (built with `npm run build` and `npx tsc -p bench`) runs that checkout's whole job right
 * after ours in every pair, each job in a process of its own (`one-job.ts`), and prints the median of
 * the per-pair ratios (this / that): a change measured before and after under the same load.
 * BENCH_COMPARE_NODE=<node executable> runs those jobs (this checkout's, unless BENCH_COMPARE names
 * another) on that Node.js instead: two runtimes measured in the same pairs.
 * Needs Postgres and Redis like the tests; everything else (S3, api, worker) runs in one process per
 * job (`one-job.ts`), so every job starts as fresh as the bare baseline's ffmpeg.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@streamforge/core';
import { bareSinglePass, benchSource, plan, processPerRung } from './baselines';
import { endedChildrenCpuSeconds } from '../support/children-cpu';
import { nodeVersionOf, revisionOf } from '../support/revision';
import { columnSummaries, summary as stats } from '../support/stats';
import type { runWholeJob } from './whole-job';

type Job = Awaited<ReturnType<typeof runWholeJob>>;

/** A whole job of `checkout` in a child process (see one-job.ts). */
function jobOf(checkout: string, source: string, untilPlayable: boolean, node = process.execPath): Promise<Job> {
  const script = join(__dirname, 'one-job.js');
  const args = [script, checkout, source, ...(untilPlayable ? ['until-playable'] : [])];
  return new Promise((resolvePromise, reject) =>
    execFile(node, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${checkout}: the job failed: ${stderr.slice(-2000)}`, { cause: error }));
      const job = JSON.parse(stdout.trim().split('\n').at(-1)!) as Job;
      // JSON has no NaN: readySeconds comes back null when the job stopped at playable.
      resolvePromise({ ...job, readySeconds: job.readySeconds ?? NaN });
    }),
  );
}

async function main() {
  const lengths = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
  const height = Number(process.env.BENCH_HEIGHT ?? 1080);
  // Time to playable alone (long sources): each job is stopped once playable, no baseline.
  const untilPlayable = !!process.env.BENCH_UNTIL_PLAYABLE;
  const baselines = !process.env.BENCH_SKIP_BASELINES && !untilPlayable;
  const here = resolve(__dirname, '..', '..', '..');
  const compareNode = process.env.BENCH_COMPARE_NODE ? resolve(process.env.BENCH_COMPARE_NODE) : undefined;
  const compare = process.env.BENCH_COMPARE ? resolve(process.env.BENCH_COMPARE) : compareNode ? here : undefined;
  const compareRuntime = compareNode ? ` on Node ${nodeVersionOf(compareNode)}` : '';
  const transcode = loadConfig({ NODE_ENV: 'test' }).transcode;
  const work = await mkdtemp(join(tmpdir(), 'sf-bench-'));
  console.log(
    `ffmpeg ladder ${transcode.ladder.map((r) => r.shortSide).join('/')} preset ${transcode.preset}, ` +
      `${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at start`,
  );
  try {
    for (const seconds of lengths.length ? lengths : [60]) {
      const source = await benchSource(seconds, height);
      const { info, plans } = await plan(source, transcode);
      console.log(
        `source: ${seconds} s ${height}p30, ${(info.bitRate! / 1e6).toFixed(1)} Mb/s; ${runs} pairs` +
          (compare
            ? `, this checkout's job (${revisionOf(here)}, Node ${process.version}) then ` +
              `${compare}'s (${revisionOf(compare)}${compareRuntime}), ` +
              'each in its own process'
            : '') +
          (baselines ? ' (job, then bare one-pass)' : ' (job only)'),
      );
      const rows: Array<Record<string, number>> = [];
      const stepRows: Array<Record<string, number>> = [];
      const compareStepRows: Array<Record<string, number>> = [];
      for (let i = 1; i <= runs; i++) {
        // Every job in a fresh process, like the first: in one long-lived process each later job ran
        // beside the heaps of the stacks before it and paid for it in garbage collection (see README).
        const job = await jobOf(here, source, untilPlayable);
        const row: Record<string, number> = { run: i, 'complete→playable s': job.playableSeconds };
        if (!untilPlayable) {
          row['complete→ready s'] = job.readySeconds;
          row['our process CPU s'] = job.afterComplete.cpuSeconds;
          row['job ffmpeg CPU s'] = job.afterComplete.ffmpegCpuSeconds;
          row['document PUTs'] = job.afterComplete.documentPuts;
          row['media PUTs'] = job.afterComplete.mediaPuts;
          row['polls'] = job.polls ?? NaN;
        }
        if (compare) {
          const other = await jobOf(compare, source, untilPlayable, compareNode);
          row['compare: complete→playable s'] = other.playableSeconds;
          row['playable this / compare'] = job.playableSeconds / other.playableSeconds;
          if (!untilPlayable) {
            row['compare: complete→ready s'] = other.readySeconds;
            row['ready this / compare'] = job.readySeconds / other.readySeconds;
            row['compare: our process CPU s'] = other.afterComplete.cpuSeconds;
          }
          compareStepRows.push(other.steps);
          console.log(`  compare's steps to playable, ms: ${JSON.stringify(other.steps)}`);
        }
        if (baselines) {
          const childrenBefore = endedChildrenCpuSeconds();
          const bare = await bareSinglePass(source, join(work, 'bare'), info, plans, transcode);
          Object.assign(row, {
            'bare one-pass s': bare,
            'bare ffmpeg CPU s': endedChildrenCpuSeconds() - childrenBefore,
            'job / bare': job.readySeconds / bare,
          });
        }
        rows.push(row);
        stepRows.push(job.steps);
        console.log(JSON.stringify({ ...row, load: Number(loadavg()[0].toFixed(1)) }));
        console.log(`  worker's steps to playable, ms: ${JSON.stringify(job.steps)}`);
      }
      console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(2)]))));
      const summary = columnSummaries(rows);
      if (!untilPlayable) summary['realtime × (job)'] = stats(rows.map((r) => info.duration / r['complete→ready s']));
      console.table(summary);
      console.log(JSON.stringify({ seconds, height, runs, summary }));
      // Where the time to playable goes, by the worker's own clock (from taking the job).
      const stepsOf = (which: Array<Record<string, number>>) => {
        const table: Record<string, ReturnType<typeof stats>> = {};
        for (const step of Object.keys(which[0] ?? {}))
          table[`${step} ms`] = stats(
            which.map((r) => r[step]),
            0,
          );
        return table;
      };
      const steps = stepsOf(stepRows);
      console.table(steps);
      console.log(JSON.stringify({ seconds, height, runs, steps }));
      if (compare) {
        const compareSteps = stepsOf(compareStepRows);
        console.log(`${compare}'s (${revisionOf(compare)}) steps to playable:`);
        console.table(compareSteps);
        console.log(JSON.stringify({ seconds, height, runs, compare, steps: compareSteps }));
      }
      if (process.env.BENCH_PER_RUNG) {
        const perRung = await processPerRung(source, join(work, 'per-rung'), plans, transcode);
        console.log(JSON.stringify({ 'process per rung s (one run)': +perRung.toFixed(2) }));
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
