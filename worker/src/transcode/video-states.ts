import { Injectable, Inject } from '@nestjs/common';
import {
  type AppConfig,
  type EventType,
  publicObjectBase,
  recordVideoEvent,
  type Rendition,
  type TranscodeJob,
  Video,
  type VideoErrorCode,
} from '@streamforge/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../tokens';

/** One run of a job on a video: `version` is the output version this run alone may write. */
export interface Run {
  job: TranscodeJob;
  version: number;
  sourceKey: string;
}

export interface PublishedOutputs {
  outputPrefix: string;
  manifestKey: string;
  duration: number;
  width: number;
  height: number;
  renditions: Rendition[];
}

/**
 * Every change the worker makes to a video. A run claims the video by bumping its output
 * version; every later write is fenced by that number, so a superseded run (stalled and
 * re-queued, re-queued by the reconciler, retried) can never overwrite a newer one. Each state
 * change writes its event in the same transaction.
 */
@Injectable()
export class VideoStates {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a run, or null when the job is stale (the video moved on or has a newer attempt). */
  async claim(job: TranscodeJob): Promise<Run | null> {
    const [rows] = (await this.db.query(
      `UPDATE videos SET output_version = output_version + 1, progress = $4, updated_at = now()
        WHERE id = $1 AND account_id = $2 AND status = 'processing' AND processing_attempts = $3
        RETURNING output_version, source_key`,
      [job.videoId, job.accountId, job.attempt, JSON.stringify({ stage: 'downloading', percent: 0 })],
    )) as [Array<{ output_version: number; source_key: string }>, number];
    const row = rows[0];
    return row ? { job, version: row.output_version, sourceKey: row.source_key } : null;
  }

  /** False when the run has been superseded and should stop. */
  async progress(run: Run, stage: string, percent: number): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE videos SET progress = $1, updated_at = now()
        WHERE id = $2 AND status = 'processing' AND output_version = $3`,
      [JSON.stringify({ stage, percent: Math.round(percent) }), run.job.videoId, run.version],
    )) as [unknown, number];
    return count > 0;
  }

  /** Every rung has its first segments online: players may start. Fires `video.playable` once per run. */
  playable(run: Run, outputs: PublishedOutputs): Promise<boolean> {
    return this.transition(run, 'video.playable', (video) => {
      Object.assign(video, outputs, { playable: true });
    });
  }

  ready(run: Run, outputs: PublishedOutputs): Promise<boolean> {
    return this.transition(run, 'video.ready', (video) => {
      Object.assign(video, outputs, { status: 'ready', progress: null, errorCode: null, errorMessage: null });
    });
  }

  /** Fenced by the job's attempt only: a failure of bad media holds for every run of it. */
  failed(job: TranscodeJob, code: VideoErrorCode, message: string): Promise<boolean> {
    return this.transition({ job, version: null }, 'video.failed', (video) => {
      Object.assign(video, { status: 'failed', progress: null, errorCode: code, errorMessage: message });
    });
  }

  private async transition(
    run: { job: TranscodeJob; version: number | null },
    type: EventType,
    apply: (video: Video) => void,
  ): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const video = await manager.findOne(Video, {
        where: {
          id: run.job.videoId,
          status: 'processing',
          processingAttempts: run.job.attempt,
          ...(run.version === null ? {} : { outputVersion: run.version }),
        },
        lock: { mode: 'pessimistic_write' },
      });
      if (!video) return false;
      apply(video);
      await manager.save(video);
      await recordVideoEvent(manager, video, type, publicObjectBase(this.config));
      return true;
    });
  }
}
