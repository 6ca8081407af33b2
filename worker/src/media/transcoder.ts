import { type FSWatcher, watch } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaError } from './errors';
import { AUDIO_ID, buildLadderArgs, type EncodeSettings, PLAYLIST_FILENAME, THUMBS_DIR } from './ffmpeg-args';
import { buildFilterGraph } from './filter-graph';
import type { RenditionPlan } from './ladder';
import type { TrackFiles } from './manifest';
import type { MediaInfo } from './media-info';
import { createProgressTracker } from './progress';
import { inputEnv, type MediaInput } from './probe';
import { ProcessAbortedError, runProcess } from './process-runner';
import type { StoryboardPlan } from './storyboard';
import { readTrackFiles } from './track-files';

export interface LadderRun {
  input: MediaInput;
  outDir: string;
  info: MediaInfo;
  plans: RenditionPlan[];
  storyboard: StoryboardPlan;
  settings: EncodeSettings;
  /** Budget for the whole encode; a run still going when it is spent is killed. */
  timeoutMs: number;
  /** No sign of output (progress counters, finished segments) for this long means ffmpeg hangs: kill it. */
  stallMs: number;
  /** Called with ffmpeg's process group id once it runs. */
  onSpawn?: (pgid: number) => void;
  signal?: AbortSignal;
  /** Whole percents 0–99, each at most once, in increasing order. */
  onProgress?: (percent: number) => void;
  /**
   * Called, one call at a time, whenever ffmpeg has finished new segments, with every track so
   * far (video rungs first, then audio). A rejection stops the encode.
   */
  onSegments?: (tracks: TrackFiles[]) => Promise<void>;
  /** How often to look for finished segments. */
  pollMs?: number;
  /** True while ffmpeg waits for source bytes still downloading: that is no stall (the download has its own limits). */
  starved?: () => boolean;
}

/**
 * ffmpeg produced nothing at all (no frame, no segment) for the stall period. Retried once, since
 * a starved machine can cause it too; the processor treats a second stall as the file's fault.
 */
export class StalledEncodeError extends Error {
  constructor(seconds: number) {
    super(`ffmpeg produced no output for ${seconds} s and was killed`);
    this.name = 'StalledEncodeError';
  }
}

/** The ids of the tracks a run writes, in manifest order. */
export function trackIds(info: MediaInfo, plans: RenditionPlan[]): string[] {
  return [...plans.map((p) => p.id), ...(info.audio ? [AUDIO_ID] : [])];
}

/**
 * Runs the one ffmpeg process of a job and reports finished segments while it runs.
 * Resolves with every track's files once ffmpeg exits cleanly. Bad media rejects with
 * MediaError (fail the job now); anything else is a plain Error (retry).
 */
export async function runLadder(run: LadderRun): Promise<TrackFiles[]> {
  const ids = trackIds(run.info, run.plans);
  await Promise.all([...ids, THUMBS_DIR].map((dir) => mkdir(join(run.outDir, dir), { recursive: true })));
  const args = buildLadderArgs(
    run.input,
    run.outDir,
    run.info,
    run.plans,
    buildFilterGraph(run.info, run.plans, run.storyboard),
    run.settings,
  );

  const kill = new AbortController();
  const onOuterAbort = () => kill.abort(run.signal?.reason);
  run.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let lastAdvance = Date.now();
  let failure: Error | undefined;
  const stop = (error: Error) => {
    failure ??= error;
    kill.abort(error);
  };
  const progress = createProgressTracker(
    run.info.duration,
    (percent) => run.onProgress?.(percent),
    () => (lastAdvance = Date.now()),
  );
  const videoIds = new Set(run.plans.map((p) => p.id));
  const watchdog = setInterval(
    () => {
      if (run.starved?.()) lastAdvance = Date.now();
      if (Date.now() - lastAdvance > run.stallMs) stop(new StalledEncodeError(Math.round(run.stallMs / 1000)));
    },
    Math.min(1000, run.stallMs),
  );

  // Publishing runs beside the encode; one pass at a time, each seeing the newest playlists. A pass
  // starts when ffmpeg renames a playlist into place (inotify) and on a timer besides, in case a
  // watch misses one; at most one pass waits behind the running one.
  let published = 0;
  const written = new Map<string, number>();
  let publishing: Promise<void> = Promise.resolve();
  let passWaiting = false;
  const poll = () => {
    if (passWaiting) return;
    passWaiting = true;
    publishing = publishing
      .then(async () => {
        passWaiting = false;
        if (failure) return;
        const tracks = await readTracks(run.outDir, ids, written);
        const count = tracks.reduce((n, t) => n + t.segments.length, 0);
        if (count === published) return;
        published = count;
        progress.segments(count, finishedSeconds(tracks, videoIds));
        await run.onSegments?.(tracks);
      })
      .catch((error: Error) => stop(error));
  };
  const poller = setInterval(poll, run.pollMs ?? 500);
  const watchers = ids.map((id) => watchPlaylist(join(run.outDir, id), poll));
  const stopPolling = () => {
    clearInterval(poller);
    for (const watcher of watchers) watcher?.close();
  };

  try {
    const result = await runProcess('ffmpeg', args, {
      timeoutMs: run.timeoutMs,
      signal: kill.signal,
      onStdoutLine: (line) => progress.line(line),
      onSpawn: run.onSpawn,
      env: inputEnv(run.input),
    }).catch((error: Error) => {
      throw error instanceof ProcessAbortedError && failure ? failure : error;
    });
    stopPolling();
    await publishing;
    if (failure) throw failure;
    if (result.code !== 0) throw ffmpegFailure(result.code, result.signal, result.stderrTail);
    const tracks = await readTracks(run.outDir, ids, written);
    if (tracks.length !== ids.length)
      throw new MediaError('corrupt_media', 'No picture could be decoded; the file may be damaged.');
    if (run.onSegments) await run.onSegments(tracks);
    return tracks;
  } finally {
    stopPolling();
    clearInterval(watchdog);
    run.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** Calls `changed` whenever ffmpeg puts a new playlist into `dir`; null if the folder cannot be watched (the timer still polls). */
function watchPlaylist(dir: string, changed: () => void): FSWatcher | null {
  try {
    const watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name === PLAYLIST_FILENAME) changed();
    });
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch {
    return null;
  }
}

/** Seconds every video rung has finished (0 until each has a segment). */
function finishedSeconds(tracks: TrackFiles[], videoIds: Set<string>): number {
  const video = tracks.filter((t) => videoIds.has(t.id));
  if (video.length < videoIds.size) return 0;
  return Math.min(...video.map((t) => t.segments.reduce((sum, s) => sum + s.duration, 0)));
}

/** Tracks with at least one finished segment, in `ids` order. */
async function readTracks(outDir: string, ids: string[], written: Map<string, number>): Promise<TrackFiles[]> {
  const tracks = await Promise.all(ids.map((id) => readTrackFiles(outDir, id, written)));
  return tracks
    .filter((t): t is NonNullable<typeof t> => t !== null)
    .map(({ id, init, segments }) => ({ id, init, segments }));
}

/**
 * Pure. ffmpeg exits 0 on a truncated upload and encodes what is there, so compare what came out
 * with what the header promised. The video track's own length is the reference: a longer audio
 * track is not a defect, and the output's playable length follows the video.
 */
export function assertComplete(info: MediaInfo, producedSeconds: number): void {
  const expected = info.video.duration ?? info.duration;
  if (expected - producedSeconds > Math.max(2, expected * 0.1)) {
    throw new MediaError(
      'corrupt_media',
      `The file ends early: it says it lasts ${expected.toFixed(1)} s but only ${producedSeconds.toFixed(1)} s could be decoded. ` +
        'It may be truncated or damaged.',
    );
  }
}

/** Conditions of the machine, not of the file: worth a retry. */
const ENVIRONMENT_FAILURES = /No space left on device|Cannot allocate memory|Too many open files|Disk quota exceeded/i;

/** Pure. The file probed fine, so an ffmpeg failure means undecodable media, unless the machine is at fault. */
export function ffmpegFailure(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): Error {
  const detail = new Error(`ffmpeg exited with ${code ?? signal}: ${stderrTail}`);
  if (code === null || ENVIRONMENT_FAILURES.test(stderrTail)) return detail;
  if (/exceeds specified max pixel count/.test(stderrTail)) {
    return new MediaError('limits_exceeded', 'The picture is larger than the limit of this service.', {
      cause: detail,
    });
  }
  return new MediaError('corrupt_media', 'The video could not be decoded; the file may be damaged or truncated.', {
    cause: detail,
  });
}

export { contentTypeOf } from '@streamforge/core';
