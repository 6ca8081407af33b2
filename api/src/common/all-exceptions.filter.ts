import { ArgumentsHost, Catch, ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReplayedResponse } from '../idempotency/replayed-response';
import { ApiError } from './api-error';
import { RequestScope } from './request-scope';
import { toErrorBody } from './error-body';
import { RouteMethods } from './route-methods';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly routes: RouteMethods) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof ReplayedResponse) {
      void reply.status(exception.status).header('Idempotent-Replayed', 'true').send(exception.body);
      return;
    }
    const allowed = this.allowedMethods(exception, request);
    const error = allowed
      ? new ApiError(
          405,
          'invalid_request_error',
          'method_not_allowed',
          `${request.method} is not allowed here; use ${allowed.join(', ')}.`,
        )
      : exception;
    if (allowed) void reply.header('Allow', allowed.join(', '));
    const { status, body } = toErrorBody(error, request.id);
    if (status >= 500) {
      RequestScope.withRequest(request, () =>
        this.logger.error(
          `${request.method} ${request.routeOptions?.url ?? 'unknown route'} failed`,
          exception instanceof Error ? exception.stack : String(exception),
        ),
      );
    }
    void reply.status(status).send(body);
  }

  /** A 404 for a path that exists under other methods is really a 405: those methods, or null. */
  private allowedMethods(exception: unknown, request: FastifyRequest): string[] | null {
    if (!(exception instanceof NotFoundException)) return null;
    const allowed = this.routes.allowed(request.url.split('?')[0]);
    return allowed.length ? allowed : null;
  }
}
