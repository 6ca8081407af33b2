/**
 * One whole job of a StreamForge checkout, in a process of its own:
 * `node bench/dist/transcode/one-job.js <checkout> <source> [until-playable]` prints the job's
 * figures as JSON on its last line. `run.ts` uses it with `BENCH_COMPARE`, so this checkout's jobs
 * and another checkout's (built with `npm run build` and `npx tsc -p bench`) alternate under the
 * same load; each checkout's own `whole-job` runs with that checkout's api, worker and store.
 */
import { join, resolve } from 'node:path';
import type { runWholeJob as RunWholeJob } from './whole-job';

async function main() {
  const [checkout, source, mode] = process.argv.slice(2);
  if (!checkout || !source) throw new Error('usage: one-job.js <checkout> <source> [until-playable]');
  // As the checkout's worker and `npm run dev` do, first thing (a checkout from before it has none).
  const core = (await import(join(resolve(checkout), 'core/dist/index.js'))) as {
    loadConfig: (env: Record<string, string | undefined>) => { bufferGc?: string };
    tuneBufferGc?: (setting: string | undefined) => boolean;
  };
  core.tuneBufferGc?.(core.loadConfig({ BUFFER_GC: process.env.BUFFER_GC }).bufferGc);
  const { runWholeJob } = (await import(join(resolve(checkout), 'bench/dist/transcode/whole-job.js'))) as {
    runWholeJob: typeof RunWholeJob;
  };
  const job = await runWholeJob(source, { untilPlayable: mode === 'until-playable' });
  process.stdout.write(`\n${JSON.stringify(job)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
