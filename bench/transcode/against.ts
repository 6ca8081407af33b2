/**
 * `node bench/dist/transcode/against.js <base-url> <api-key> [seconds...]` — time to playable as a
 * user of a running StreamForge sees it (e.g. `npm run dev`, whose embedded store shares the
 * launcher's process): for each source length (default 60 s; the same cached 1080p30 source as
 * `run.ts`, or `BENCH_HEIGHT`), `BENCH_RUNS` (≥ 5) uploads one after another, each PUT in one piece
 * (the server must allow it: `UPLOAD_MULTIPART_THRESHOLD`), `complete` sent, then
 * `GET /v1/videos/{id}` every 100 ms until `playable`; the video is deleted before the next run.
 * Prints every run, then median, min and max. No baseline: the figure is held against the goal.
 */
import { cpus, loadavg } from 'node:os';
import { type Call, submitFile, waitForVideo } from '../support/stack';
import { describe } from '../support/stats';
import { benchSource } from './baselines';

async function main() {
  const [base, key, ...rest] = process.argv.slice(2);
  if (!base || !key) throw new Error('usage: against.js <base-url> <api-key> [seconds...]');
  const lengths = rest.map(Number).filter((n) => n > 0);
  const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
  const height = Number(process.env.BENCH_HEIGHT ?? 1080);
  const call: Call = async (method, path, body) =>
    (
      await fetch(base.replace(/\/$/, '') + path, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).json();
  console.log(`against ${base}; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`);
  for (const seconds of lengths.length ? lengths : [60]) {
    const source = await benchSource(seconds, height);
    const times: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const { videoId, completedAt } = await submitFile(call, source);
      await waitForVideo(call, videoId, (video) => !!video.playable);
      times.push((performance.now() - completedAt) / 1000);
      console.log(
        JSON.stringify({
          seconds,
          run: i,
          'complete→playable s': +times[i - 1].toFixed(2),
          load: +loadavg()[0].toFixed(1),
        }),
      );
      await call('DELETE', `/v1/videos/${videoId}`);
    }
    console.log(`${seconds} s ${height}p source, complete→playable s, median (min–max) of ${runs}: ${describe(times)}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
