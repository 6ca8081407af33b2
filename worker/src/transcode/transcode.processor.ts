import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { QUEUES, type TranscodeJob } from '@streamforge/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { MediaError } from '../media/errors';
import { TranscodeService } from './transcode.service';
import { VideoStates } from './video-states';

@Processor(QUEUES.transcode, { concurrency: 1 })
export class TranscodeProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger(TranscodeProcessor.name);
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly transcoder: TranscodeService,
    private readonly states: VideoStates,
  ) {
    super();
  }

  async process(job: Job<TranscodeJob>): Promise<string> {
    const abort = new AbortController();
    this.running.add(abort);
    try {
      const outcome = await this.transcoder.run(job.data, abort.signal);
      this.logger.log(`${job.data.videoId} attempt ${job.data.attempt}: ${outcome}`);
      return outcome;
    } catch (error) {
      if (error instanceof MediaError) {
        // Bad media fails the same way every time: record it and skip BullMQ's retries.
        await this.states.failed(job.data, error.code, error.message);
        this.logger.warn(`${job.data.videoId} failed: ${error.code}`);
        throw new UnrecoverableError(error.code);
      }
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`${job.data.videoId} attempt ${job.attemptsMade + 1} errored: ${(error as Error).message}`);
      if (lastTry) {
        await this.states.failed(job.data, 'internal_error', 'Processing failed repeatedly. Try uploading again.');
      }
      throw error;
    } finally {
      this.running.delete(abort);
    }
  }

  /** Kills ffmpeg on shutdown; the job goes back to the queue as stalled and another worker resumes it. */
  onApplicationShutdown() {
    for (const abort of this.running) abort.abort();
  }
}
