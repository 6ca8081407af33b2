import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  type AppConfig,
  MAINTENANCE_TASKS,
  type MaintenanceJob,
  maintenanceJobOptions,
  QUEUES,
} from '@streamforge/core';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../tokens';

/**
 * One BullMQ job scheduler per sweep, every `MAINTENANCE_INTERVAL_SECONDS`. Every worker upserts
 * the same scheduler ids at start, which leaves one schedule however many workers run.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue<MaintenanceJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    for (const task of MAINTENANCE_TASKS) {
      const { removeOnComplete, removeOnFail, attempts } = maintenanceJobOptions({ task });
      await this.queue.upsertJobScheduler(
        task,
        { every: this.config.maintenance.intervalSeconds * 1000 },
        { name: task, data: { task }, opts: { removeOnComplete, removeOnFail, attempts } },
      );
    }
  }
}
