import { HttpStatus, Injectable, type INestApplicationContext } from '@nestjs/common';
import { HTTP_CODE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PUBLIC_ROUTE } from '../auth/principal';
import { Idempotency } from '../idempotency/idempotency';
import { RequestScope, SCOPED_READ } from './request-scope';

const IN_REQUEST_TRANSACTION = 'sf:in-request-transaction';

type Handler = (...args: unknown[]) => unknown;

/**
 * Runs a handler in its caller's scoped transaction, with the Idempotency-Key claimed and its
 * response stored inside that transaction. `@InRequestTransaction()` wraps the handler itself
 * rather than binding a Nest interceptor: Nest's interceptor chain (async-context binding, an rxjs
 * Observable per request) cost the hot read a fifth to a third of its CPU, and it costs every write
 * the same. The wrapper finds this service through the request (`bindRequestTransaction`).
 */
@Injectable()
export class RequestTransaction {
  constructor(
    private readonly scope: RequestScope,
    private readonly idempotency: Idempotency,
  ) {}

  run(request: FastifyRequest, status: number, handle: () => Promise<unknown>, oneStatement = false): Promise<unknown> {
    const principal = request.principal;
    // Without an Idempotency-Key there is no record to store beside the write (`Idempotency.run`).
    if (oneStatement && principal && request.headers['idempotency-key'] === undefined) {
      return this.scope.runOneStatement(handle);
    }
    if (!principal) return handle();
    const keyed = this.idempotency.keyOf(request);
    if (!keyed) return this.scope.run(principal, handle);
    return this.scope.run(principal, (claimed) => this.idempotency.run(request, keyed, claimed, status, handle), {
      opening: (quote) => this.idempotency.claimStatement(keyed, quote),
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by `bindRequestTransaction` when the api is built. */
    requestTransaction: RequestTransaction;
  }
}

/** Makes the api's `RequestTransaction` reachable from its requests (`request.server`). */
export function bindRequestTransaction(fastify: FastifyInstance, app: INestApplicationContext): void {
  const transaction: RequestTransaction = app.get(RequestTransaction);
  fastify.decorate('requestTransaction', transaction);
}

export interface RequestTransactionOptions {
  /**
   * The handler's one write is a single `RequestScope.write` statement (and it reads nothing through
   * `RequestScope.manager`): without an Idempotency-Key it runs with no explicit transaction, the
   * statement being its own (`RequestScope.runOneStatement`), which saves two round trips; with one,
   * in the transaction that also stores the key's record. On one handler only.
   */
  oneStatement?: boolean;
}

/**
 * On a controller (every handler) or on one handler: the handler runs in the request transaction.
 * Validation comes first, so a request refused by its parameters opens no transaction and claims no
 * Idempotency-Key (Stripe's rule: only a request that started executing is remembered). On a
 * handler, it is applied before the controller's, which then leaves that handler alone.
 */
export function InRequestTransaction(options: RequestTransactionOptions = {}): ClassDecorator & MethodDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return wrap(descriptor, options.oneStatement === true);
    if (options.oneStatement) throw new Error('@InRequestTransaction({ oneStatement }) belongs on one handler');
    const prototype = (target as { prototype: object }).prototype;
    for (const name of routeHandlerNames(prototype)) {
      const own = Object.getOwnPropertyDescriptor(prototype, name);
      if (own) Object.defineProperty(prototype, name, wrap(own));
    }
  }) as ClassDecorator & MethodDecorator;
}

function wrap(descriptor: PropertyDescriptor, oneStatement = false): PropertyDescriptor {
  const handler = descriptor.value as Handler;
  if (Reflect.getMetadata(IN_REQUEST_TRANSACTION, handler)) return descriptor;
  // Read on the first call, not when wrapping: decorators above this one (`@HttpCode`) apply after it.
  let status: number | undefined;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const request = RequestScope.currentRequest();
    const transaction = request?.server.requestTransaction as RequestTransaction | undefined;
    if (!request || !transaction) throw new Error(`${handler.name}: no request transaction outside a request`);
    status ??= (Reflect.getMetadata(HTTP_CODE_METADATA, wrapped) as number | undefined) ?? HttpStatus.CREATED;
    return transaction.run(request, status, async () => handler.apply(this, args), oneStatement);
  };
  // Nest and Swagger read a handler's route, status and documentation from the function itself.
  for (const key of Reflect.getOwnMetadataKeys(handler)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, handler), wrapped);
  }
  Reflect.defineMetadata(IN_REQUEST_TRANSACTION, true, wrapped);
  Object.defineProperty(wrapped, 'name', { value: handler.name });
  descriptor.value = wrapped;
  return descriptor;
}

/**
 * Refuses to start an api in which an authenticated handler would run outside its caller's scope
 * (neither `@InRequestTransaction()` nor a `@ScopedRead()`), or a `@ScopedRead()` handler would pay
 * for a transaction it does not use.
 */
export function assertRequestScopes(app: INestApplicationContext): void {
  const problems: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const controller = metatype as unknown as { name: string; prototype: Record<string, object> };
      for (const name of routeHandlerNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (Reflect.getMetadata(PUBLIC_ROUTE, handler) || Reflect.getMetadata(PUBLIC_ROUTE, controller)) continue;
        const transactional = Reflect.getMetadata(IN_REQUEST_TRANSACTION, handler) === true;
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

/** The methods of a controller's prototype that Nest serves as routes (they carry a path). */
function routeHandlerNames(prototype: object): string[] {
  return new MetadataScanner()
    .getAllMethodNames(prototype)
    .filter((name) => Reflect.getMetadata(PATH_METADATA, (prototype as Record<string, object>)[name]) !== undefined);
}
