/**
 * One whole job through the real system, timed as a customer sees it: a fresh database, the
 * embedded S3, the api and the worker in this process; the source PUT to its presigned URL; the
 * clock starts at `POST /v1/uploads/{id}/complete` and stops when GET shows playable, then ready
 * (polled as `pollInterval` says).
 */
import { endedChildrenCpuSeconds } from '../support/children-cpu';
import { startStack, submitFile, waitForVideo } from '../support/stack';

/** Playlists and manifests, as opposed to media (segments, init segments, images). */
const DOCUMENT = /\.(m3u8|mpd|json|vtt)(\?|$)/;

/**
 * The poll's pace: every 100 ms until the video is playable (a figure of a few seconds), once a
 * second while the worker's progress says more than `DENSE_TAIL` percent of the media is still to
 * encode, then every 100 ms again, so `ready` too is seen within a tenth of a second. A poll every
 * 100 ms all through a 60 s source's job is some 800 GETs, whose CPU (the bench's client and the api,
 * in this process, plus Postgres and Redis) was a sixth of what this process spent after `complete`
 * (10.2 against 8.5 and 9.3 against 7.7 s, two pairs, on the twelfth host): load the bench put on
 * the machine the job and ffmpeg share, which no customer waiting for `video.ready` adds.
 */
const DENSE_TAIL = 10;
function pollInterval(video: { playable?: boolean; progress?: { stage: string; percent: number } | null }): number {
  if (!video.playable) return 100;
  const encoding = video.progress?.stage === 'transcoding' ? video.progress.percent : 100;
  return encoding < 100 - DENSE_TAIL ? 1000 : 100;
}

/**
 * With `untilPlayable`, the run ends (and the system is torn down) once the video is playable.
 * `steps`: the worker's own account of the time from taking the job to `playable`, ms per step
 * (its log line `… playable with … encoded, 4321 ms: claim 12 ms, …`).
 * `afterComplete` (NaN with `untilPlayable`): from `complete` to `ready`, the CPU seconds this
 * process spent (api, worker, embedded store, the poll; ffmpeg is a child, not counted), the CPU
 * seconds of the worker's children (ffprobe and ffmpeg, all ended by `ready`) and the PUTs the
 * embedded store received, documents (playlists, manifests) and media apart.
 */
export async function runWholeJob(
  source: string,
  opts: { untilPlayable?: boolean } = {},
): Promise<{
  playableSeconds: number;
  readySeconds: number;
  steps: Record<string, number>;
  afterComplete: { cpuSeconds: number; ffmpegCpuSeconds: number; documentPuts: number; mediaPuts: number };
  /** GETs of the video from `complete` on. */
  polls: number;
}> {
  const puts = { counting: false, documents: 0, media: 0 };
  const onStoreRequest = (method: string, url: string) => {
    if (!puts.counting || method !== 'PUT') return;
    if (DOCUMENT.test(url)) puts.documents++;
    else puts.media++;
  };
  const steps: Record<string, number> = {};
  const onWorkerLog = (message: string) => {
    const account = /playable with .* encoded, \d+ ms: (.*)$/.exec(message)?.[1];
    for (const [, step, ms] of account?.matchAll(/([a-z][a-z ]*) (\d+) ms/g) ?? []) steps[step] = Number(ms);
  };
  // One job with every core, like the bare ffmpeg baselines it is compared with.
  const stack = await startStack({ worker: true, env: { WORKER_CONCURRENCY: '1' }, onWorkerLog, onStoreRequest });
  try {
    const call = stack.caller((await stack.account('bench')).key);
    const { videoId, completedAt } = await submitFile(call, source);
    // Read as `complete` has just been answered: the source's PUT is behind us.
    const cpuAtComplete = process.cpuUsage();
    const childrenAtComplete = endedChildrenCpuSeconds();
    puts.counting = true;
    const since = () => (performance.now() - completedAt) / 1000;
    let playableSeconds = 0;
    let polls = 0;
    await waitForVideo(
      call,
      videoId,
      (video) => video.status === 'ready' || (!!opts.untilPlayable && !!video.playable),
      (video) => {
        polls++;
        if (video.playable && !playableSeconds) playableSeconds = since();
      },
      pollInterval,
    );
    const readySeconds = opts.untilPlayable ? NaN : since();
    const cpu = process.cpuUsage(cpuAtComplete);
    const afterComplete = opts.untilPlayable
      ? { cpuSeconds: NaN, ffmpegCpuSeconds: NaN, documentPuts: NaN, mediaPuts: NaN }
      : {
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          ffmpegCpuSeconds: endedChildrenCpuSeconds() - childrenAtComplete,
          documentPuts: puts.documents,
          mediaPuts: puts.media,
        };
    return { playableSeconds, readySeconds, steps, afterComplete, polls };
  } finally {
    await stack.close();
  }
}
