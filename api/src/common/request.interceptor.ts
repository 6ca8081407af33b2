import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Idempotency } from '../idempotency/idempotency';
import { RequestScope, SCOPED_READ } from './request-scope';

/**
 * The one global interceptor: the request id for log lines written deep inside services, then every
 * authenticated handler in the caller's scoped transaction (except a `@ScopedRead()` one, which
 * scopes its single statement itself, `RequestScope.read`), with the Idempotency-Key claimed and its
 * response stored inside that transaction. One interceptor rather than one per concern: each layer
 * of Nest's interceptor chain costs every request (async-context binding and an rxjs round trip),
 * hot reads included.
 */
@Injectable()
export class RequestInterceptor implements NestInterceptor {
  constructor(
    private readonly scope: RequestScope,
    private readonly idempotency: Idempotency,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    const guarded = () => this.idempotency.run(context, request, handle);
    const transaction = principal && !this.reflector.get<boolean>(SCOPED_READ, context.getHandler());
    return from(
      RequestScope.withRequestId(request.id, () => (transaction ? this.scope.run(principal, guarded) : guarded())),
    );
  }
}
