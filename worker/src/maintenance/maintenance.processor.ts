import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type MaintenanceJob, type MaintenanceTask, QUEUES } from '@streamforge/core';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ObjectSweep } from './object-sweep';
import { RecordPruner } from './record-pruner';
import { UploadExpiry } from './upload-expiry';

/**
 * Runs the lifecycle sweeps. A Postgres advisory lock per task makes it one run at a time across
 * every worker, even when a slow run overlaps the next tick: the later run sees the lock and skips.
 */
@Processor(QUEUES.maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly db: DataSource,
    private readonly uploads: UploadExpiry,
    private readonly objects: ObjectSweep,
    private readonly records: RecordPruner,
  ) {
    super();
  }

  async process(job: Job<MaintenanceJob>): Promise<unknown> {
    return this.runExclusive(job.data.task);
  }

  /** Runs one sweep now, unless another worker is running it; then returns `skipped`. */
  async runExclusive(task: MaintenanceTask): Promise<unknown> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        `maintenance:${task}`,
      ])) as Array<{ locked: boolean }>;
      if (!locked) return 'skipped';
      try {
        return await this.sweep(task);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`maintenance:${task}`]);
      }
    } catch (error) {
      this.logger.error(`${task} failed: ${(error as Error).message}`);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private sweep(task: MaintenanceTask): Promise<unknown> {
    switch (task) {
      case 'expire_uploads':
        return this.uploads.run();
      case 'sweep_objects':
        return this.objects.run();
      case 'prune_records':
        return this.records.run();
    }
  }
}
