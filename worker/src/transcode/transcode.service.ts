import { rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AppConfig,
  ObjectStorage,
  objectKeys,
  OUTPUT_FILES,
  type Rendition,
  type TranscodeJob,
} from '@streamforge/core';
import { MediaError } from '../media/errors';
import type { Manifest } from '../media/manifest';
import { transcodeVideo } from '../media/pipeline';
import { SourceFeed } from '../media/source-feed';
import { APP_CONFIG } from '../tokens';
import { OutputPublisher } from './output-publisher';
import { StepTimer } from './step-timer';
import { createJobDir, PROCESS_GROUP_FILE } from './work-dirs';
import { type PublishedOutputs, type Run, VideoStates } from './video-states';

/** Ranged reads of the source at once once ffmpeg runs (SourceFeed's default). */
const SOURCE_READS = 4;

/**
 * ffmpeg threads per decoder, filter graph and encoder for a job that starts while `running` jobs
 * (itself included) run on this worker: as configured, else the host's cores split between them,
 * or ffmpeg's own choice (the whole host) for a job that runs alone. A job keeps its threads to
 * the end, so one that started alone shares the cores with a later one by the kernel's scheduling.
 */
export function threadsPerStage(configured: number, running: number, cores: number): number {
  if (configured > 0) return configured;
  return running > 1 ? Math.max(1, Math.floor(cores / running)) : 0;
}

/** Source in S3 → temp file (read by ffmpeg as it fills) → one ffmpeg → outputs in S3 as they appear → `playable` → `ready` (or `failed` with a code). */
@Injectable()
export class TranscodeService {
  private readonly logger = new Logger(TranscodeService.name);
  /** The runs in progress by video, to stop one whose video was deleted (`stopDeleted`). */
  private readonly runs = new Map<string, { run: Run; superseded: AbortController }>();

  constructor(
    private readonly storage: ObjectStorage,
    private readonly states: VideoStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `running`: the jobs this worker runs now, this one included (see `threadsPerStage`). */
  async run(job: TranscodeJob, signal: AbortSignal, running: number): Promise<'ready' | 'stale'> {
    const steps = new StepTimer();
    const run = await this.states.claim(job);
    if (!run) return 'stale';
    steps.end('claim');
    const workDir = await createJobDir(job.videoId);
    // A newer run took the video over (its output version moved on): stop encoding for nothing.
    const superseded = new AbortController();
    const entry = { run, superseded };
    this.runs.set(job.videoId, entry);
    const abort = AbortSignal.any([signal, superseded.signal]);
    let lastReport = 0;
    const report = (stage: string, percent: number) => {
      // At most one write a second, except stage changes: progress is for humans polling the API.
      if (percent > 0 && Date.now() - lastReport < 1000) return;
      lastReport = Date.now();
      void this.states.progress(run, stage, percent).then(
        (current) => current || superseded.abort(),
        (error: Error) => this.logger.warn(`progress not saved: ${error.message}`),
      );
    };
    let feed: SourceFeed | undefined;
    try {
      const head = await this.storage.head(run.sourceKey);
      if (!head) throw new MediaError('source_missing', 'The uploaded file is no longer in storage.');
      if (head.size === 0) throw new MediaError('unsupported_format', 'The file is empty.');
      steps.end('source head');
      // ffprobe and ffmpeg start on the first bytes while the rest downloads (see SourceFeed). The
      // probe needs only the head (or the moov a seek asks for): one read until it is done, so the
      // download does not compete with it; then SOURCE_READS at once, ahead of ffmpeg.
      const source = await SourceFeed.start({
        path: join(workDir, 'source'),
        size: head.size,
        lanes: 1,
        read: (start, end, signal) =>
          this.storage.getRange(run.sourceKey, start, end, {
            signal: AbortSignal.any([signal, abort]),
            etag: head.etag,
          }),
      });
      feed = source;

      const outDir = join(workDir, 'out');
      const prefix = objectKeys.outputPrefix(job.accountId, job.videoId, run.version);
      const owned = async () => {
        if (await this.states.current(run)) return true;
        superseded.abort();
        return false;
      };
      const { manifest, plans, cost } = await transcodeVideo(
        feed,
        outDir,
        new OutputPublisher(this.storage, prefix, outDir, owned),
        {
          transcode: this.config.transcode,
          threads: threadsPerStage(this.config.transcode.threads, running, availableParallelism()),
          signal: abort,
          onStage: report,
          onStep: (step) => {
            steps.end(step);
            if (step === 'probe') source.setLanes(SOURCE_READS);
          },
          admit: (cost) => this.states.charge(run, cost.mediaSeconds),
          // Recorded so that the next worker on this host can kill it if the guard could not.
          onSpawn: (pgid) => void writeFile(join(workDir, PROCESS_GROUP_FILE), String(pgid)).catch(() => undefined),
          onPlayable: async (growing) => {
            await this.states.playable(run, outputsOf(prefix, growing));
            steps.end('playable saved');
            this.logger.log(
              `${job.videoId} playable with ${growing.duration.toFixed(1)} s encoded, ${steps.describe()}`,
            );
          },
        },
      );
      if (!(await this.states.ready(run, outputsOf(prefix, manifest)))) return 'stale';
      this.logger.log(
        `${job.videoId}: ${plans.map((p) => p.id).join('/')} ready under ${prefix} (${cost.mediaSeconds.toFixed(1)} media s)`,
      );
      await this.removeOlderVersions(run);
      return 'ready';
    } catch (error) {
      if (superseded.signal.aborted) return 'stale';
      throw error;
    } finally {
      if (this.runs.get(job.videoId) === entry) this.runs.delete(job.videoId);
      await feed?.close();
      await rm(workDir, { recursive: true, force: true });
    }
  }

  /**
   * The api announced that `videoId` was deleted: its run here, if any, stops now. Only a hint — the
   * run ends as `stale` once it has checked that the video is really gone (the same check that
   * would otherwise have stopped it at its next progress write or segment).
   */
  async stopDeleted(videoId: string): Promise<void> {
    const entry = this.runs.get(videoId);
    if (entry && !(await this.states.current(entry.run))) entry.superseded.abort();
  }

  /** Earlier runs of this video (killed, retried) may have left partial outputs under their own versions. */
  private async removeOlderVersions(run: Run): Promise<void> {
    for (let version = 1; version < run.version; version++) {
      const prefix = objectKeys.outputPrefix(run.job.accountId, run.job.videoId, version);
      await this.storage
        .deletePrefix(`${prefix}/`)
        .catch((error: Error) => this.logger.warn(`could not remove ${prefix}: ${error.message}`));
    }
  }
}

function outputsOf(prefix: string, manifest: Manifest): PublishedOutputs {
  const top = manifest.renditions.at(-1)!;
  const renditions: Rendition[] = [
    ...manifest.renditions.map((r) => ({
      id: r.id,
      type: 'video' as const,
      width: r.width,
      height: r.height,
      codecs: r.codecs,
      bandwidth: r.bandwidth,
    })),
    ...(manifest.audio
      ? [
          {
            id: manifest.audio.id,
            type: 'audio' as const,
            codecs: manifest.audio.codecs,
            bandwidth: manifest.audio.bandwidth,
          },
        ]
      : []),
  ];
  return {
    outputPrefix: prefix,
    manifestKey: `${prefix}/${OUTPUT_FILES.manifest}`,
    duration: manifest.duration,
    width: top.width,
    height: top.height,
    renditions,
  };
}
