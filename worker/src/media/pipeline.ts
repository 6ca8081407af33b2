import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '@streamforge/core';
import { contentTypeOf, OUTPUT_FILES } from '@streamforge/core';
import { AUDIO_ID, POSTER_IMAGE, SEGMENT_SECONDS, STORYBOARD_IMAGE, THUMBS_DIR } from './ffmpeg-args';
import { planLadder, type RenditionPlan } from './ladder';
import { buildManifest, type Manifest, type TrackFiles, type TrackFormat } from './manifest';
import { checkCost, type EncodeCost, encodeCost } from './cost';
import { checkLimits, type MediaInfo } from './media-info';
import { type MediaInput, probeFile, summarizeProbe } from './probe';
import { localSource, type SourceBytes } from './source-feed';
import { serveSource } from './source-server';
import { describeOutputs, type GeneratedFile } from './publication';
import { buildStoryboardVtt, planStoryboard, THUMBNAIL_SECONDS, tilesFromThumbnails } from './storyboard';
import { readTrackFormat } from './track-files';
import { assertComplete, runLadder } from './transcoder';

const PROBE_TIMEOUT_MS = 60_000;

/** Where outputs go as they appear: S3 in the worker, the local folder in tests and benchmarks. */
export interface OutputSink {
  /** Local files, relative to the output folder; each path is offered once or more, never changes. */
  uploadFiles(paths: string[]): Promise<void>;
  /** Generated documents, in order (manifest.json last). */
  putGenerated(files: GeneratedFile[]): Promise<void>;
}

/** The steps between a probed source and `playable`, in order, as `onStep` hears them. */
export type PlayableStep = 'probe' | 'cost check' | 'ffmpeg start' | 'first segments' | 'track formats' | 'manifests';

export interface PipelineOptions {
  transcode: AppConfig['transcode'];
  signal?: AbortSignal;
  onStage?: (stage: 'probing' | 'transcoding' | 'uploading', percent: number) => void;
  /** Every track has its first segments published and the growing manifests point at them. */
  onPlayable?: (manifest: Manifest) => Promise<void>;
  /**
   * Hears the cost once the source is probed and planned, before any frame is encoded; a rejection
   * (e.g. MediaError `limits_exceeded` for an account over its quota) stops the job there.
   */
  admit?: (cost: EncodeCost) => Promise<void>;
  /** Threads per ffmpeg stage; 0 or unset: ffmpeg's own choice (every core). */
  threads?: number;
  /** Hears ffmpeg's process group id once it runs. */
  onSpawn?: (pgid: number) => void;
  /** Hears each step on the way to `playable` as it ends (for timing). */
  onStep?: (step: PlayableStep) => void;
  pollMs?: number;
}

export interface PipelineResult {
  info: MediaInfo;
  plans: RenditionPlan[];
  cost: EncodeCost;
  manifest: Manifest;
}

/**
 * A source file → the whole published output: probe and refuse by limits, one ffmpeg for the
 * ladder, segments handed to `sink` as ffmpeg finishes them, growing manifests once every track
 * has started, then thumbnails, storyboard, poster and the final manifests, HLS and DASH.
 * Bad media rejects with MediaError; anything else is a plain Error (retry).
 */
export async function transcodeVideo(
  source: string | SourceBytes,
  outDir: string,
  sink: OutputSink,
  options: PipelineOptions,
): Promise<PipelineResult> {
  const bytes = typeof source === 'string' ? await localSource(source) : source;
  // ffprobe and ffmpeg read over loopback HTTP even from a local file, so there is one input path to secure and test.
  const served = await serveSource(bytes);
  const signal = AbortSignal.any([bytes.failed, ...(options.signal ? [options.signal] : [])]);
  try {
    return await transcodeInput(served, outDir, sink, { ...options, signal }, () => served.starved);
  } catch (error) {
    // ffmpeg and ffprobe fail in their own ways when the source stops arriving; the cause is storage, so retry.
    if (bytes.failed.aborted) throw bytes.failed.reason as Error;
    throw error;
  } finally {
    await served.close();
  }
}

async function transcodeInput(
  input: MediaInput,
  outDir: string,
  sink: OutputSink,
  options: PipelineOptions,
  starved: () => boolean,
): Promise<PipelineResult> {
  const { transcode } = options;
  options.onStage?.('probing', 0);
  const probe = await probeFile(input, {
    timeoutMs: PROBE_TIMEOUT_MS,
    signal: options.signal,
    maxPixels: transcode.maxPixels,
  });
  const info = summarizeProbe(probe);
  checkLimits(info, transcode);
  options.onStep?.('probe');

  const plans = planLadder(info, transcode.ladder);
  const cost = encodeCost(info, plans);
  checkCost(cost, transcode.maxMediaSeconds);
  await options.admit?.(cost);
  options.onStep?.('cost check');
  const top = plans.at(-1)!;
  const storyboard = planStoryboard(info.duration, top.width, top.height);
  const formats = new Map<string, TrackFormat>();
  const manifestOf = async (
    tracks: TrackFiles[],
    complete: boolean,
    extras?: Pick<Manifest, 'poster' | 'storyboard' | 'thumbnails'>,
  ) => {
    await Promise.all(
      tracks
        .filter((track) => !formats.has(track.id))
        .map(async (track) => formats.set(track.id, await readTrackFormat(outDir, track))),
    );
    const withFormat = (t: TrackFiles) => ({ ...t, format: formats.get(t.id)! });
    const audio = tracks.find((t) => t.id === AUDIO_ID);
    return buildManifest({
      complete,
      segmentDuration: SEGMENT_SECONDS,
      extras,
      video: tracks.filter((t) => t.id !== AUDIO_ID).map(withFormat),
      audio: audio ? withFormat(audio) : null,
    });
  };

  options.onStage?.('transcoding', 0);
  let playable = false;
  const trackCount = plans.length + (info.audio ? 1 : 0);
  /** Segments of the track with the fewest, in the growing manifests last published. */
  let listed = 0;
  const tracks = await runLadder({
    input,
    outDir,
    info,
    plans,
    storyboard,
    settings: {
      preset: transcode.preset,
      crf: transcode.crf,
      maxPixels: transcode.maxPixels,
      threads: options.threads,
    },
    onSpawn: (pgid) => {
      options.onStep?.('ffmpeg start');
      options.onSpawn?.(pgid);
    },
    timeoutMs: transcode.timeoutSeconds * 1000,
    stallMs: transcode.stallSeconds * 1000,
    signal: options.signal,
    pollMs: options.pollMs,
    starved,
    onProgress: (percent) => options.onStage?.('transcoding', percent),
    onSegments: async (sofar) => {
      await sink.uploadFiles(sofar.flatMap((t) => [t.init, ...t.segments.map((s) => s.url)]));
      if (sofar.length < trackCount) return;
      // A player with sound, or one that switches rungs, goes no further than the track with the
      // fewest segments: the manifests grow when that track does, not each time one is ahead.
      const common = Math.min(...sofar.map((t) => t.segments.length));
      if (playable && common === listed) return;
      listed = common;
      if (!playable) options.onStep?.('first segments');
      const manifest = await manifestOf(sofar, false);
      if (!playable) options.onStep?.('track formats');
      await sink.putGenerated(describeOutputs(manifest));
      if (!playable) {
        playable = true;
        options.onStep?.('manifests');
        await options.onPlayable?.(manifest);
      }
    },
  });

  options.onStage?.('uploading', 0);
  const produced = Math.max(
    ...tracks.filter((t) => t.id !== AUDIO_ID).map((t) => t.segments.reduce((s, x) => s + x.duration, 0)),
  );
  assertComplete(info, produced);
  const thumbs = (await readdir(join(outDir, THUMBS_DIR)))
    .filter((n) => n.endsWith('.jpg'))
    .sort()
    .map((n) => `${THUMBS_DIR}/${n}`);
  await sink.uploadFiles([...thumbs, STORYBOARD_IMAGE, POSTER_IMAGE]);
  const manifest = await manifestOf(tracks, true, {
    poster: POSTER_IMAGE,
    storyboard: { vtt: OUTPUT_FILES.storyboardVtt, image: STORYBOARD_IMAGE },
    thumbnails: { interval: THUMBNAIL_SECONDS, urls: thumbs },
  });
  const vtt: GeneratedFile = {
    path: OUTPUT_FILES.storyboardVtt,
    body: buildStoryboardVtt(
      storyboard,
      manifest.duration,
      STORYBOARD_IMAGE,
      tilesFromThumbnails(storyboard, thumbs.length),
    ),
    contentType: contentTypeOf(OUTPUT_FILES.storyboardVtt),
    cacheControl: 'public, max-age=31536000, immutable',
    // Listed by the manifest only.
    wave: 0,
  };
  await sink.putGenerated([vtt, ...describeOutputs(manifest)]);
  return { info, plans, cost, manifest };
}

/** A sink that leaves outputs where ffmpeg wrote them and writes generated documents beside them. */
export function localSink(outDir: string): OutputSink & { generated: string[] } {
  const generated: string[] = [];
  return {
    generated,
    async uploadFiles() {},
    async putGenerated(files) {
      for (const file of files) {
        await writeFile(join(outDir, file.path), file.body);
        if (!generated.includes(file.path)) generated.push(file.path);
      }
    },
  };
}
