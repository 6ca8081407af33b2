/**
 * `node bench/dist/transcode/input-path.js`: does reading the source over loopback HTTP cost ffmpeg?
 *
 * The worker's ffmpeg reads its source from `serveSource` (a loopback HTTP server over the local
 * copy, so a still-downloading file can be read and seeked), while the bare one-pass baseline of
 * `run.ts` reads the local file. Here the same one-pass command runs both ways on the same source,
 * alternating, `BENCH_RUNS` (default 5, at least 5) pairs, the file first: wall seconds and the CPU
 * seconds ffmpeg used, every pair, then the median, min and max of each and of the per-pair ratios
 * (HTTP / file). No api, worker, store or database: ffmpeg and this process only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@streamforge/core';
import { localSource } from '@streamforge/worker/dist/media/source-feed';
import { serveSource } from '@streamforge/worker/dist/media/source-server';
import { bareSinglePass, benchSource, plan } from './baselines';
import { endedChildrenCpuSeconds } from '../support/children-cpu';
import { columnSummaries } from '../support/stats';

async function main() {
  const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
  const transcode = loadConfig({ NODE_ENV: 'test' }).transcode;
  const source = await benchSource(60, Number(process.env.BENCH_HEIGHT ?? 1080));
  const { info, plans } = await plan(source, transcode);
  const work = await mkdtemp(join(tmpdir(), 'sf-bench-input-'));
  console.log(
    `one-pass ladder ${transcode.ladder.map((r) => r.shortSide).join('/')} ${transcode.preset} on ${source}, ` +
      `${cpus().length} cores, load ${loadavg()[0].toFixed(1)}; ${runs} pairs: local file, then served over HTTP`,
  );
  const timed = async (input: Parameters<typeof bareSinglePass>[0]) => {
    const before = endedChildrenCpuSeconds();
    const seconds = await bareSinglePass(input, join(work, 'out'), info, plans, transcode);
    return { seconds, cpu: endedChildrenCpuSeconds() - before };
  };
  try {
    const rows: Array<Record<string, number>> = [];
    for (let i = 1; i <= runs; i++) {
      const file = await timed(source);
      const served = await serveSource(await localSource(source));
      const http = await timed(served).finally(() => served.close());
      const row = {
        run: i,
        'file s': file.seconds,
        'HTTP s': http.seconds,
        'HTTP / file': http.seconds / file.seconds,
        'file ffmpeg CPU s': file.cpu,
        'HTTP ffmpeg CPU s': http.cpu,
        'CPU HTTP / file': http.cpu / file.cpu,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    const summary = columnSummaries(rows, 3);
    console.table(summary);
    console.log(JSON.stringify({ runs, summary }));
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
