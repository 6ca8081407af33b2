import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type AppConfig,
  dataSourceOptions,
  type HostResolver,
  ObjectStorage,
  QUEUES,
  type QueueName,
  redisConnectionOptions,
  systemResolver,
} from '@streamforge/core';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { MaintenanceScheduler } from './maintenance/maintenance-scheduler';
import { ObjectSweep } from './maintenance/object-sweep';
import { RecordPruner } from './maintenance/record-pruner';
import { UploadExpiry } from './maintenance/upload-expiry';
import { AccountSlots } from './transcode/account-slots';
import { JobQueue } from './jobs/job-queue';
import { APP_CONFIG, HOST_RESOLVER } from './tokens';
import { Reconciler } from './transcode/reconciler';
import { TranscodeService } from './transcode/transcode.service';
import { DeletionListener } from './transcode/deletion-listener';
import { TranscodeProcessor } from './transcode/transcode.processor';
import { VideoStates } from './transcode/video-states';
import { DeliveryAttempts } from './webhooks/delivery-attempts';
import { DeliverySweep } from './webhooks/delivery-sweep';
import { OutboxRelay } from './webhooks/relay';
import { WebhooksProcessor } from './webhooks/webhooks.processor';

/** One processor per queue; the type makes a queue without a handler a compile error. */
const PROCESSORS: Record<QueueName, Type> = {
  [QUEUES.transcode]: TranscodeProcessor,
  [QUEUES.maintenance]: MaintenanceProcessor,
  [QUEUES.webhooks]: WebhooksProcessor,
};

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, resolveHost: HostResolver = systemResolver): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, 'streamforge-worker')),
        BullModule.forRoot({ connection: redisConnectionOptions(config.redis), prefix: config.redis.prefix }),
        ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: HOST_RESOLVER, useValue: resolveHost },
        JobQueue,
        { provide: ObjectStorage, useFactory: () => new ObjectStorage(config.s3) },
        VideoStates,
        TranscodeService,
        DeletionListener,
        Reconciler,
        AccountSlots,
        UploadExpiry,
        ObjectSweep,
        RecordPruner,
        MaintenanceScheduler,
        DeliveryAttempts,
        OutboxRelay,
        DeliverySweep,
        ...Object.values(PROCESSORS),
      ],
    };
  }
}
