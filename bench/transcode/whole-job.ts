/**
 * One whole job through the real system, timed as a customer sees it: a fresh database, the
 * embedded S3, the api and the worker in this process; the source PUT to its presigned URL; the
 * clock starts at `POST /v1/uploads/{id}/complete` and stops when GET shows playable, then ready.
 */
import { startStack, submitFile, waitForVideo } from '../support/stack';

/**
 * With `untilPlayable`, the run ends (and the system is torn down) once the video is playable.
 * `steps`: the worker's own account of the time from taking the job to `playable`, ms per step
 * (its log line `… playable with … encoded, 4321 ms: claim 12 ms, …`).
 */
export async function runWholeJob(
  source: string,
  opts: { untilPlayable?: boolean } = {},
): Promise<{ playableSeconds: number; readySeconds: number; steps: Record<string, number> }> {
  const steps: Record<string, number> = {};
  const onWorkerLog = (message: string) => {
    const account = /playable with .* encoded, \d+ ms: (.*)$/.exec(message)?.[1];
    for (const [, step, ms] of account?.matchAll(/([a-z][a-z ]*) (\d+) ms/g) ?? []) steps[step] = Number(ms);
  };
  // One job with every core, like the bare ffmpeg baselines it is compared with.
  const stack = await startStack({ worker: true, env: { WORKER_CONCURRENCY: '1' }, onWorkerLog });
  try {
    const call = stack.caller((await stack.account('bench')).key);
    const { videoId, completedAt } = await submitFile(call, source);
    const since = () => (performance.now() - completedAt) / 1000;
    let playableSeconds = 0;
    await waitForVideo(
      call,
      videoId,
      (video) => video.status === 'ready' || (!!opts.untilPlayable && !!video.playable),
      (video) => {
        if (video.playable && !playableSeconds) playableSeconds = since();
      },
    );
    return { playableSeconds, readySeconds: opts.untilPlayable ? NaN : since(), steps };
  } finally {
    await stack.close();
  }
}
