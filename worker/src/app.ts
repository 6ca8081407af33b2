import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import type { AppConfig, HostResolver } from '@streamforge/core';
import { configureTranscodeWorker } from './transcode/transcode.processor';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context with BullMQ processors and no HTTP server. */
export async function createWorkerApp(
  config: AppConfig,
  opts: { logger?: false | LogLevel[] | LoggerService; resolveHost?: HostResolver } = {},
): Promise<INestApplicationContext> {
  configureTranscodeWorker(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, opts.resolveHost), {
    logger: opts.logger ?? ['log', 'error', 'warn'],
    abortOnError: false,
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
