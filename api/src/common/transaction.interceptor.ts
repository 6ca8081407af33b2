import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { RequestScope } from './request-scope';

/** Wraps every authenticated handler in the caller's scoped transaction. */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(private readonly scope: RequestScope) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    return from(
      RequestScope.withRequestId(request.id, () => (principal ? this.scope.run(principal, handle) : handle())),
    );
  }
}
