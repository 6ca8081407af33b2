/**
 * `npm run -s build && tsc -p bench/transcode && node bench/transcode/dist/run.js [seconds...]`
 *
 * For each source length (default 60 s; pass `60 600` for the 10-minute case too), on one 1080p
 * source with motion and noise and the configured ladder (default 360/720/1080, veryfast):
 *   (a) the whole job — upload completed → download, probe, transcode, upload, database → ready —
 *       against the bare single-pass ffmpeg command alone (goal ≤ 1.10);
 *   (b) against one ffmpeg process per rung (goal well below 1);
 *   (c) realtime factor of the whole job;
 *   (d) seconds from `complete` to `playable` and to `ready`.
 * BENCH_SKIP_BASELINES=1 measures (c) and (d) only (the 10-minute baselines take ~25 min).
 * Needs Postgres and Redis like the tests; everything else (S3, api, worker) runs in this process.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@streamforge/core';
import { bareSinglePass, makeSource, plan, processPerRung } from './baselines';
import { runWholeJob } from './whole-job';

async function main() {
  const lengths = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const transcode = loadConfig({ NODE_ENV: 'test' }).transcode;
  const work = await mkdtemp(join(tmpdir(), 'sf-bench-'));
  console.log(
    `ffmpeg ladder ${transcode.ladder.map((r) => r.shortSide).join('/')} preset ${transcode.preset}, ${cpus().length} cores`,
  );
  try {
    for (const seconds of lengths.length ? lengths : [60]) {
      const source = join(tmpdir(), `sf-bench-source-1080p-${seconds}s.mp4`);
      if (!existsSync(source)) await makeSource(source, seconds);
      const { info, plans } = await plan(source, transcode);
      const job = await runWholeJob(source);
      const row: Record<string, string> = {
        source: `${seconds} s 1080p30 (${(info.bitRate! / 1e6).toFixed(1)} Mb/s)`,
        'whole job s': job.readySeconds.toFixed(1),
        'complete→playable s': job.playableSeconds.toFixed(1),
        'complete→ready s': job.readySeconds.toFixed(1),
        'realtime ×': (info.duration / job.readySeconds).toFixed(2),
      };
      if (!process.env.BENCH_SKIP_BASELINES) {
        const bare = await bareSinglePass(source, join(work, 'bare'), info, plans, transcode);
        const perRung = await processPerRung(source, join(work, 'per-rung'), plans, transcode);
        Object.assign(row, {
          'bare one-pass s': bare.toFixed(1),
          'process per rung s': perRung.toFixed(1),
          '(a) job / bare': (job.readySeconds / bare).toFixed(2),
          '(b) job / per-rung': (job.readySeconds / perRung).toFixed(2),
        });
      }
      console.table(row);
      console.log(JSON.stringify(row));
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
