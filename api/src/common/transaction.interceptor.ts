import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { RequestScope, SCOPED_READ } from './request-scope';

/**
 * Wraps every authenticated handler in the caller's scoped transaction, except a `@ScopedRead()`
 * one, which scopes its single statement itself (`RequestScope.read`).
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly scope: RequestScope,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    const transaction = principal && !this.reflector.get<boolean>(SCOPED_READ, context.getHandler());
    return from(
      RequestScope.withRequestId(request.id, () => (transaction ? this.scope.run(principal, handle) : handle())),
    );
  }
}
