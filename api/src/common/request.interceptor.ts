import {
  CallHandler,
  ExecutionContext,
  Injectable,
  type INestApplicationContext,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { PUBLIC_ROUTE } from '../auth/principal';
import { Idempotency } from '../idempotency/idempotency';
import { RequestScope, SCOPED_READ } from './request-scope';

/**
 * Every authenticated handler in the caller's scoped transaction, with the Idempotency-Key claimed
 * and its response stored inside that transaction. Bound with `@InRequestTransaction()` rather than
 * globally: a `@ScopedRead()` handler scopes its one statement itself (`RequestScope.read`) and
 * needs none of this, and a route with any interceptor pays for Nest's interceptor chain
 * (async-context binding and an rxjs round trip): without it the hot read took a fifth to a third
 * less CPU in `bench/api`.
 */
@Injectable()
export class RequestInterceptor implements NestInterceptor {
  constructor(
    private readonly scope: RequestScope,
    private readonly idempotency: Idempotency,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    const guarded = () => this.idempotency.run(context, request, handle);
    return from(principal ? this.scope.run(principal, guarded) : guarded());
  }
}

/** On a controller (every handler) or on one handler: runs it through `RequestInterceptor`. */
export const InRequestTransaction = () => UseInterceptors(RequestInterceptor);

/**
 * Refuses to start an api in which an authenticated handler would run outside its caller's scope
 * (no `RequestInterceptor` and not a `@ScopedRead()`), or a `@ScopedRead()` handler would pay for a
 * transaction it does not use.
 */
export function assertRequestScopes(app: INestApplicationContext): void {
  const scanner = new MetadataScanner();
  const problems: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const controller = metatype as unknown as { name: string; prototype: Record<string, object> };
      const onClass = interceptorsOf(controller);
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(PUBLIC_ROUTE, handler) || Reflect.getMetadata(PUBLIC_ROUTE, controller)) continue;
        const transactional = [...onClass, ...interceptorsOf(handler)].includes(RequestInterceptor);
        const scopedRead = Reflect.getMetadata(SCOPED_READ, handler) === true;
        if (transactional === scopedRead) {
          problems.push(
            `${controller.name}.${name}: ` +
              (scopedRead
                ? '@ScopedRead() with @InRequestTransaction()'
                : 'neither @InRequestTransaction() nor @ScopedRead()'),
          );
        }
      }
    }
  }
  if (problems.length) throw new Error(`Handlers without exactly one request scope: ${problems.join('; ')}`);
}

function interceptorsOf(target: object): unknown[] {
  return (Reflect.getMetadata(INTERCEPTORS_METADATA, target) as unknown[] | undefined) ?? [];
}
