import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, jobOptions, type TranscodeJob } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { APP_CONFIG } from '../tokens';
import { VideoStates } from './video-states';

const BATCH = 500;

/**
 * Makes "nothing stays processing forever" hold when Redis forgets: every video in `processing`
 * whose job is missing from the queue (Redis flushed, restored from an old snapshot, enqueue lost)
 * is queued again. The job id `${videoId}-${attempt}` makes this idempotent: adding a job that
 * exists is a no-op, and a run that finds its video already done returns at once. A job that
 * BullMQ gave up on (e.g. stalled too often) without the video being marked fails it.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private timer?: NodeJS.Timeout;
  private passing?: Promise<number>;

  constructor(
    private readonly queue: JobQueue,
    private readonly db: DataSource,
    private readonly states: VideoStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    const tick = () => {
      this.passing ??= this.reconcile()
        .catch((error: Error) => {
          this.logger.error(`reconcile failed: ${error.message}`);
          return 0;
        })
        .finally(() => (this.passing = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.worker.reconcileIntervalSeconds * 1000);
  }

  /** One pass; returns how many videos were re-queued. */
  async reconcile(): Promise<number> {
    const rows = (await this.db.query(
      `SELECT id, account_id, processing_attempts FROM videos
        WHERE status = 'processing' AND processing_attempts > 0 ORDER BY updated_at LIMIT $1`,
      [BATCH],
    )) as Array<{ id: string; account_id: string; processing_attempts: number }>;
    let requeued = 0;
    for (const row of rows) {
      const job: TranscodeJob = { videoId: row.id, accountId: row.account_id, attempt: row.processing_attempts };
      const state = await this.queue.jobState('transcode', jobOptions('transcode', job).jobId);
      if (state === 'unknown') {
        await this.queue.enqueue('transcode', job);
        requeued++;
        this.logger.warn(`${row.id}: processing with no job in the queue; re-queued`);
      } else if (state === 'failed') {
        await this.states.failed(job, 'internal_error', 'Processing failed repeatedly. Try uploading again.');
      }
    }
    return requeued;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.passing;
  }
}
