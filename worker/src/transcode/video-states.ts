import { Injectable, Inject, Logger } from '@nestjs/common';
import {
  type AppConfig,
  type EventType,
  ObjectStorage,
  objectKeys,
  publicObjectBase,
  recordVideoEvent,
  type Rendition,
  type TranscodeJob,
  Video,
  type VideoErrorCode,
} from '@streamforge/core';
import { DataSource } from 'typeorm';
import { MediaError } from '../media/errors';
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
  private readonly logger = new Logger(VideoStates.name);

  constructor(
    private readonly db: DataSource,
    private readonly storage: ObjectStorage,
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

  /** The publishing fence: true while this run still owns the video (not deleted, failed or superseded). */
  async current(run: Run): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT 1 FROM videos WHERE id = $1 AND status = 'processing' AND output_version = $2`,
      [run.job.videoId, run.version],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Charges the run's cost to its video and checks the account's rolling 24-hour quota, or throws
   * MediaError `limits_exceeded`. Accounts are serialised by an advisory lock so two videos of one
   * account cannot both slip under the limit.
   */
  async charge(run: Run, mediaSeconds: number): Promise<void> {
    const limit = this.config.transcode.accountMediaSecondsPerDay;
    const refused = await this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('media-quota:' || $1))`, [run.job.accountId]);
      if (limit !== null) {
        const [{ used }] = (await manager.query(
          `SELECT COALESCE(sum(media_seconds), 0)::float8 AS used FROM videos
            WHERE account_id = $1 AND id <> $2 AND media_charged_at > now() - interval '24 hours'`,
          [run.job.accountId, run.job.videoId],
        )) as Array<{ used: number }>;
        if (used + mediaSeconds > limit) return { used };
      }
      await manager.query(
        `UPDATE videos SET media_seconds = $1, media_charged_at = now() WHERE id = $2 AND output_version = $3`,
        [mediaSeconds, run.job.videoId, run.version],
      );
      return null;
    });
    if (refused) {
      throw new MediaError(
        'limits_exceeded',
        `Transcoding this file would take ${Math.ceil(mediaSeconds)} media seconds; this account has ` +
          `${Math.max(0, Math.floor(limit! - refused.used))} of its ${limit} per 24 hours left.`,
      );
    }
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

  /**
   * Fenced by the job's attempt only: a failure of bad media holds for every run of it. A failed
   * video shows nothing it had while processing (playback, renditions, duration, size) and keeps
   * nothing in storage: once the failure is committed every object under the video is deleted
   * (the object sweep removes whatever a straggling run uploads afterwards).
   */
  async failed(job: TranscodeJob, code: VideoErrorCode, message: string): Promise<boolean> {
    const changed = await this.transition({ job, version: null }, 'video.failed', (video) => {
      Object.assign(video, {
        status: 'failed',
        progress: null,
        errorCode: code,
        errorMessage: message,
        playable: false,
        outputPrefix: null,
        manifestKey: null,
        duration: null,
        width: null,
        height: null,
        renditions: [],
      });
    });
    if (changed) {
      await this.storage
        .deletePrefix(objectKeys.video(job.accountId, job.videoId))
        .catch((error: Error) => this.logger.warn(`${job.videoId}: objects not removed yet: ${error.message}`));
    }
    return changed;
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
