import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, QUEUES, type WebhookDeliveryJob } from '@streamforge/core';
import type { Job } from 'bullmq';
import { APP_CONFIG } from '../tokens';
import { DeliveryAttempts } from './delivery-attempts';

/**
 * The processor of the `webhooks` queue: its own BullMQ worker with its own concurrency (sending is
 * I/O-bound), so deliveries never wait behind a transcode and transcodes never behind deliveries.
 */
@Processor(QUEUES.webhooks, { autorun: false })
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(
    private readonly attempts: DeliveryAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.config.webhooks.concurrency;
    // A worker killed mid-send loses the job's lock; another worker sends again after this long.
    this.worker.opts.lockDuration = this.config.worker.lockDurationMs;
    this.worker.opts.stalledInterval = this.config.worker.stalledIntervalMs;
    this.worker.on('error', (error) => this.logger.error(`queue error: ${error.message}`));
    this.worker.run().catch((error: Error) => this.logger.error(`worker stopped: ${error.message}`));
  }

  async process(job: Job<WebhookDeliveryJob>): Promise<string> {
    return this.attempts.run(job.data);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
