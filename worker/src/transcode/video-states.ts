import { Injectable, Inject } from '@nestjs/common';
import {
  type AppConfig,
  type EventType,
  publicObjectBase,
  recordEvent,
  type Rendition,
  type TranscodeJob,
  Video,
  type VideoErrorCode,
  videoView,
} from '@streamforge/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../tokens';

export interface ReadyOutcome {
  outputPrefix: string;
  manifestKey: string;
  duration: number;
  width: number;
  height: number;
  renditions: Rendition[];
}

/**
 * Every change the worker makes to a video. Each one is fenced by the job's attempt number, so a
 * stale job (re-queued or superseded) can never overwrite a newer attempt, and each writes its
 * event in the same transaction.
 */
@Injectable()
export class VideoStates {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The video this job may work on, or null when the job is stale. */
  async claim(job: TranscodeJob): Promise<Video | null> {
    return this.db.getRepository(Video).findOneBy({
      id: job.videoId,
      accountId: job.accountId,
      status: 'processing',
      processingAttempts: job.attempt,
    });
  }

  async progress(job: TranscodeJob, stage: string, percent: number): Promise<void> {
    await this.db.query(
      `UPDATE videos SET progress = $1, updated_at = now()
        WHERE id = $2 AND status = 'processing' AND processing_attempts = $3`,
      [JSON.stringify({ stage, percent: Math.round(percent) }), job.videoId, job.attempt],
    );
  }

  ready(job: TranscodeJob, outcome: ReadyOutcome): Promise<boolean> {
    return this.transition(job, 'video.ready', (video) => {
      Object.assign(video, outcome, { status: 'ready', progress: null, errorCode: null, errorMessage: null });
    });
  }

  failed(job: TranscodeJob, code: VideoErrorCode, message: string): Promise<boolean> {
    return this.transition(job, 'video.failed', (video) => {
      Object.assign(video, { status: 'failed', progress: null, errorCode: code, errorMessage: message });
    });
  }

  private async transition(job: TranscodeJob, type: EventType, apply: (video: Video) => void): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const video = await manager.findOne(Video, {
        where: { id: job.videoId, status: 'processing', processingAttempts: job.attempt },
        lock: { mode: 'pessimistic_write' },
      });
      if (!video) return false;
      apply(video);
      await manager.save(video);
      await recordEvent(manager, {
        accountId: video.accountId,
        livemode: video.livemode,
        type,
        object: videoView(video, publicObjectBase(this.config)),
      });
      return true;
    });
  }
}
