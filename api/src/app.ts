import type { Writable } from 'node:stream';
import { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, assertSafeApiLogin, type HostResolver, randomBase62 } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ApiError } from './common/api-error';
import { installJsonBodyParser } from './common/body-parser';
import { answerClientError, installInputGuards } from './common/input-guards';
import { installSecurityHeaders } from './common/security-headers';
import { toErrorBody } from './common/error-body';
import { RequestScope } from './common/request-scope';
import { assertRequestScopes, bindRequestTransaction } from './common/request-transaction';
import { RouteMethods } from './common/route-methods';
import { validationPipe } from './common/validation';
import { accessLine, createLoggers, JsonLogger, type LogLevel } from './logging/logger';
import { buildOpenApiDocument } from './openapi';

export const BODY_LIMIT = 1024 * 1024;

/**
 * One log line per request, written when it is answered (method, path, status, time), instead of
 * Fastify's two ("incoming request", then "request completed"): half the logging cost per request.
 * A success goes through the lean access logger (see `createLoggers`); an error, rare and carrying
 * free text, through the request's own logger with its redaction and serializers.
 */
class OneLinePerRequest extends LogController {
  constructor(private readonly access: Logger) {
    super();
  }

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) {
      const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime), err: error };
      reply.log.error(line, 'request errored');
    } else this.access.info(accessLine(request, reply.statusCode, reply.elapsedTime), 'request completed');
  }
}

/** Builds the api (not listening). Tests, the dev launcher and main.ts all start it this way. */
export async function createApiApp(
  config: AppConfig,
  opts: { logLevel?: LogLevel; logStream?: Writable; preview?: boolean; resolveHost?: HostResolver } = {},
): Promise<NestFastifyApplication> {
  const { log, access } = createLoggers(opts.logLevel ?? 'info', opts.logStream);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    loggerInstance: log,
    logController: new OneLinePerRequest(access),
    // Request ids are ours, never taken from the caller.
    genReqId: () => `req_${randomBase62(16)}`,
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // The client address the failed-authentication limit counts: the socket's, unless proxies are declared.
    trustProxy: config.trustProxyHops || false,
    clientErrorHandler: answerClientError,
    // Routing errors happen before any hook or filter runs: answer them in the same shape here.
    frameworkErrors: (_error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const refusal = ApiError.invalid('url_invalid', 'The request URL is malformed or a path parameter is too long.');
      const { status, body } = toErrorBody(refusal, request.id);
      void reply.status(status).header('Request-Id', request.id).send(body);
    },
  });
  installJsonBodyParser(adapter.getInstance());
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header('Request-Id', request.id);
    // API responses carry keys, client secrets, webhook secrets and presigned URLs: never cached.
    if (request.url.startsWith('/v1/') || request.url === '/v1') void reply.header('Cache-Control', 'no-store');
    done();
  });
  // The request, for log lines written deep inside services (its id) and for `@InRequestTransaction()`.
  // Bound after the body is parsed: a context entered in `onRequest` would be lost across the body's
  // stream events.
  adapter.getInstance().addHook('preValidation', (request, _reply, done) => RequestScope.withRequest(request, done));
  installInputGuards(adapter.getInstance());
  const routes = new RouteMethods();
  adapter.getInstance().addHook('onRoute', (route) => routes.add(route.url, route.method));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, routes, opts.resolveHost),
    adapter,
    {
      logger: new JsonLogger(log),
      preview: opts.preview,
      abortOnError: false,
      bodyParser: false,
    },
  );
  // Browsers call the upload endpoints with a client_secret from any page of the customer's site.
  // No cookies are involved (credentials are bearer tokens), so a wildcard origin is safe.
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: [
      'Request-Id',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Idempotent-Replayed',
    ],
    maxAge: 3600,
  });
  assertRequestScopes(app);
  bindRequestTransaction(adapter.getInstance(), app);
  // Row-level security is the boundary only if the api's login is held by it: check before serving.
  if (!opts.preview) {
    await assertSafeApiLogin(app.get(DataSource)).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
  }
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();

  installSecurityHeaders(app);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'StreamForge API',
  });
  return app;
}
