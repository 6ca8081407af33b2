import type { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, randomBase62 } from '@streamforge/core';
import { AppModule } from './app.module';
import { RouteMethods } from './common/route-methods';
import { validationPipe } from './common/validation';
import { createLogger, JsonLogger, type LogLevel } from './logging/logger';
import { buildOpenApiDocument } from './openapi';

export const BODY_LIMIT = 1024 * 1024;

/** Builds the api (not listening). Tests, the dev launcher and main.ts all start it this way. */
export async function createApiApp(
  config: AppConfig,
  opts: { logLevel?: LogLevel; logStream?: Writable; preview?: boolean } = {},
): Promise<NestFastifyApplication> {
  const log = createLogger(opts.logLevel ?? 'info', opts.logStream);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    loggerInstance: log,
    // Request ids are ours, never taken from the caller.
    genReqId: () => `req_${randomBase62(16)}`,
    requestIdHeader: false,
  });
  const routes = new RouteMethods();
  adapter.getInstance().addHook('onRoute', (route) => routes.add(route.url, route.method));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, routes), adapter, {
    logger: new JsonLogger(log),
    preview: opts.preview,
    abortOnError: false,
  });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('Request-Id', request.id);
  });

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'StreamForge API',
  });
  return app;
}
