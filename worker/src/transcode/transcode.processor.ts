import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, QUEUES, type TranscodeJob } from '@streamforge/core';
import { DelayedError, type Job, UnrecoverableError, type WorkerOptions } from 'bullmq';
import { APP_CONFIG } from '../tokens';
import { AccountSlots, type Slot } from './account-slots';
import { mediaFailure } from './failure-policy';
import { TranscodeService } from './transcode.service';
import { removeAbandonedDirs } from './work-dirs';
import { VideoStates } from './video-states';

/** Why a run was stopped from outside, so the handler knows whether to hand the job back. */
class ShutdownAbort extends Error {
  constructor() {
    super('worker shutting down');
  }
}

/**
 * Worker options for the decorator below. @nestjs/bullmq reads them when the module initialises,
 * so `configureTranscodeWorker` fills in the configured lock timings before the app is created.
 */
const WORKER_OPTIONS: Partial<WorkerOptions> = {
  // Set from WORKER_CONCURRENCY; ffmpeg threads follow the jobs running (threadsPerStage).
  concurrency: 1,
  // Started in onApplicationBootstrap, after the work folders of dead workers are swept.
  autorun: false,
};

export function configureTranscodeWorker(config: AppConfig) {
  WORKER_OPTIONS.lockDuration = config.worker.lockDurationMs;
  WORKER_OPTIONS.stalledInterval = config.worker.stalledIntervalMs;
  WORKER_OPTIONS.concurrency = config.worker.concurrency;
}

/** How long a job that yielded its turn to another account waits before it is offered again. */
const YIELD_MS = 1_000;

/**
 * The processor of the `transcode` queue. On shutdown it stops taking jobs, lets the current one
 * finish within the grace period, and otherwise kills ffmpeg and hands the job straight back to
 * the queue (without spending one of its attempts) for another worker.
 */
@Processor(QUEUES.transcode, WORKER_OPTIONS)
export class TranscodeProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TranscodeProcessor.name);
  private readonly running = new Set<AbortController>();
  /** Jobs this worker holds, counted before any await so that simultaneous starts see each other. */
  private held = 0;

  constructor(
    private readonly transcoder: TranscodeService,
    private readonly states: VideoStates,
    private readonly slots: AccountSlots,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    const removed = await removeAbandonedDirs();
    if (removed.length) this.logger.warn(`removed work folders of dead workers ${removed.join(', ')}`);
    this.worker.on('error', (error) => this.logger.error(`queue error: ${error.message}`));
    this.worker.run().catch((error: Error) => this.logger.error(`worker stopped: ${error.message}`));
  }

  async process(job: Job<TranscodeJob>, token?: string): Promise<string> {
    // Borrowing beyond the account's share must leave one of this worker's slots free.
    const mayBorrow = ++this.held + 1 <= this.config.worker.concurrency;
    try {
      const slot = await this.slots.acquire(job.data, job.id!, mayBorrow);
      if (!slot) {
        // This account already runs its share: offer the slot to other accounts' jobs first.
        await job.moveToDelayed(Date.now() + YIELD_MS, token);
        throw new DelayedError();
      }
      return await this.transcode(job, token, slot);
    } finally {
      this.held--;
    }
  }

  private async transcode(job: Job<TranscodeJob>, token: string | undefined, slot: Slot): Promise<string> {
    const renewal = setInterval(
      () => void slot.renew().catch((error: Error) => this.logger.warn(`slot not renewed: ${error.message}`)),
      this.slots.leaseMs / 4,
    );
    const abort = new AbortController();
    this.running.add(abort);
    try {
      const outcome = await this.transcoder.run(job.data, abort.signal, this.running.size);
      this.logger.log(`${job.data.videoId} attempt ${job.data.attempt}: ${outcome}`);
      return outcome;
    } catch (error) {
      if (abort.signal.reason instanceof ShutdownAbort) {
        // Back to the queue now, not after the lock expires; the next worker starts it afresh.
        await job.moveToDelayed(Date.now(), token);
        this.logger.warn(`${job.data.videoId} handed back: worker shutting down`);
        throw new DelayedError();
      }
      const media = mediaFailure(error, job.attemptsMade);
      if (media) {
        // Bad media fails the same way every time: record it and skip BullMQ's retries.
        await this.states.failed(job.data, media.code, media.message);
        this.logger.warn(`${job.data.videoId} failed: ${media.code}`);
        throw new UnrecoverableError(media.code);
      }
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`${job.data.videoId} attempt ${job.attemptsMade + 1} errored: ${(error as Error).message}`);
      if (lastTry) {
        await this.states.failed(job.data, 'internal_error', 'Processing failed repeatedly. Try uploading again.');
      }
      throw error;
    } finally {
      this.running.delete(abort);
      clearInterval(renewal);
      await slot.release().catch((error: Error) => this.logger.warn(`slot not released: ${error.message}`));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const graceMs = this.config.worker.shutdownGraceSeconds * 1000;
    const handBack = setTimeout(() => {
      for (const abort of this.running) abort.abort(new ShutdownAbort());
    }, graceMs);
    try {
      // Stops fetching at once; resolves when the current job has finished or been handed back.
      await this.worker.close();
    } finally {
      clearTimeout(handBack);
    }
  }
}
