import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { AccountScope } from '../auth/principal';

type Hook = () => Promise<unknown>;

/** The slice of a pooled `pg` client that `RequestScope.transaction` and `RequestScope.call` use. */
interface PgClient {
  query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
  query(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  escapeLiteral(value: string): string;
  release(error?: Error | boolean): void;
}

export const SCOPED_READ = 'sf:scoped-read';

/**
 * A prepared statement for `RequestScope.call`: its name (one per text: Postgres keeps it per
 * connection) and a `SELECT … FROM sf_scoped_…($1, $2, …)` whose `$1` and `$2` are the scope.
 */
export interface ScopedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * The handler reads through `RequestScope.call` alone, so it needs no request transaction. A
 * handler so marked that touches `RequestScope.manager` fails loudly instead of running unscoped.
 * It must not carry `@InRequestTransaction()` (the api checks at start: `assertRequestScopes`).
 */
export const ScopedRead = () => SetMetadata(SCOPED_READ, true);

interface Store {
  manager?: EntityManager;
  /** The transaction's `now()` at the precision of `created_at`: what a column default stores. */
  now?: Date;
  afterCommit: Hook[];
  afterRollback: Hook[];
  /** A statement sent with `COMMIT`, in the same message (`RequestScope.commitWith`). */
  commitWith?: (quote: Quote) => string;
}

/** Quotes a text value as an SQL literal, as the connection's driver does. */
export type Quote = (value: string) => string;

export interface TransactionOptions {
  /**
   * One more statement sent with the transaction's start, in the same message (the simple protocol,
   * so its values are literals quoted by `quote`); the work is given its rows. An Idempotency-Key's
   * claim travels so, saving a round trip.
   */
  opening?: (quote: Quote) => string;
}

/**
 * What the async context carries: the request being handled and, inside a request transaction,
 * that transaction's store and the `RequestScope` that opened it. One `AsyncLocalStorage` for
 * both: Node 20 runs every storage's hook on every promise created, so each one costs the hot path.
 */
interface Context {
  request?: FastifyRequest;
  scope?: RequestScope;
  store?: Store;
}

/**
 * One database transaction per API request with the caller's account and mode set. The api's
 * connection logs in as the row-level-security role, so a query that forgets its scope — or an
 * injected `RESET ROLE` — still sees nothing of other accounts.
 * Work that must follow a commit (queueing a job) is deferred with `afterCommit`.
 */
@Injectable()
export class RequestScope {
  private static readonly context = new AsyncLocalStorage<Context>();
  private readonly logger = new Logger(RequestScope.name);

  /** The id of the request being handled, for log lines written deep inside services. */
  static currentRequestId(): string | undefined {
    return RequestScope.context.getStore()?.request?.id;
  }

  /** The request being handled, from its body's parsing on (`@InRequestTransaction()` reads it). */
  static currentRequest(): FastifyRequest | undefined {
    return RequestScope.context.getStore()?.request;
  }

  static withRequest<T>(request: FastifyRequest, work: () => T): T {
    return RequestScope.context.run({ request }, work);
  }

  constructor(private readonly db: DataSource) {}

  get manager(): EntityManager {
    const manager = this.own()?.manager;
    if (!manager) throw new Error('RequestScope.manager used outside a request transaction');
    return manager;
  }

  /**
   * The request transaction's `now()`, rounded as `created_at` columns store it: a new row given it
   * holds what the column default would have stored, known before the insert. In `runOneStatement`,
   * the api's clock at the handler's start.
   */
  get now(): Date {
    const now = this.current().now;
    if (!now) throw new Error('RequestScope.now used outside a request');
    return now;
  }

  afterCommit(hook: Hook) {
    this.current().afterCommit.push(hook);
  }

  afterRollback(hook: Hook) {
    this.current().afterRollback.push(hook);
  }

  /** `work` runs in the caller's scoped transaction, given the rows of its `opening` statement (none without one). */
  async run<T>(
    scope: AccountScope,
    work: (opened: unknown[]) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    return this.withHooks((store) => this.transaction(scope, store, work, options));
  }

  /**
   * Has the transaction send `statement` with its `COMMIT`, in one message: the last write of the
   * request (an Idempotency-Key's record) without a round trip of its own. If the statement fails,
   * Postgres skips the `COMMIT` and the transaction rolls back. Values are literals: build them with
   * `quote`, the connection driver's. Once per transaction; refused outside one.
   */
  commitWith(statement: (quote: Quote) => string): void {
    const store = this.current();
    if (!store.manager) throw new Error('RequestScope.commitWith used outside a request transaction');
    if (store.commitWith) throw new Error('RequestScope.commitWith: one statement per transaction');
    store.commitWith = statement;
  }

  /**
   * A handler whose only write is one `write` statement, run with no explicit transaction: the
   * statement is its own, so the write costs one round trip instead of three. Hooks run as in `run`:
   * the after-rollback ones if the work fails, the after-commit ones once it returns. `now` is the
   * api's clock at the start, as there is no transaction to ask; `manager` is refused, so no second
   * statement can run outside the transaction it would need.
   */
  async runOneStatement<T>(work: () => Promise<T>): Promise<T> {
    return this.withHooks((store) => {
      store.now = new Date();
      const request = RequestScope.context.getStore()?.request;
      return RequestScope.context.run({ request, scope: this, store }, work);
    });
  }

  private async withHooks<T>(body: (store: Store) => Promise<T>): Promise<T> {
    const store: Store = { afterCommit: [], afterRollback: [] };
    let result: T;
    try {
      result = await body(store);
    } catch (error) {
      await this.runHooks(store.afterRollback, 'after rollback');
      throw error;
    }
    await this.runHooks(store.afterCommit, 'after commit');
    return result;
  }

  /**
   * TypeORM's `DataSource.transaction`, except that the transaction starts with the caller's scope
   * set in the same round trip: `START TRANSACTION; SELECT set_config(…)` as one simple-protocol
   * message (TypeORM sends `START TRANSACTION` alone, then the scope would be a second round trip).
   * A write request then costs three round trips (start, its statement, `COMMIT`) instead of four.
   * The `opening` statement rides in the first message and a `commitWith` statement in the last, so
   * a keyed POST's claim and record add none.
   */
  private async transaction<T>(
    scope: AccountScope,
    store: Store,
    work: (opened: unknown[]) => Promise<T>,
    options: TransactionOptions,
  ): Promise<T> {
    const runner = this.db.createQueryRunner();
    try {
      const client = (await runner.connect()) as PgClient;
      // From here TypeORM must see the runner as inside its transaction, as its own
      // `startTransaction` does: `save` would otherwise start (and commit) one of its own, and a
      // failure of the message below must still be rolled back before the connection is reused.
      Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
      const quote: Quote = (value) => client.escapeLiteral(value);
      const opening = options.opening ? `; ${options.opening(quote)}` : '';
      const start = `START TRANSACTION; ${scopeStatement(scope, quote)}, now()::timestamptz(3) AS now${opening}`;
      this.db.logger.logQuery(start, [], runner);
      const results = await client.query(start);
      if (!Array.isArray(results) || results.length !== (opening ? 3 : 2)) {
        throw new Error('unexpected answer to START TRANSACTION');
      }
      store.now = (results[1].rows[0] as { now: Date }).now;
      store.manager = runner.manager;
      const request = RequestScope.context.getStore()?.request;
      const opened = opening ? results[2].rows : [];
      const result = await RequestScope.context.run({ request, scope: this, store }, () => work(opened));
      if (!store.commitWith) {
        await runner.commitTransaction();
      } else {
        const end = `${store.commitWith(quote)}; COMMIT`;
        this.db.logger.logQuery(end, [], runner);
        await client.query(end);
        // As TypeORM's own `commitTransaction` leaves the runner (this api registers no subscribers).
        Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
      }
      return result;
    } catch (error) {
      // As TypeORM does: a rollback that fails (the connection is gone) does not hide the cause.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * One call of a scoped read function as a named prepared statement: `statement.text` calls a
   * SECURITY INVOKER function (`sf_scoped_video`) whose first two parameters are the caller's
   * account and mode; it sets them transaction-locally before it reads, so row-level security holds
   * as in a request transaction, and the statement, its own implicit transaction, ends the scope.
   * Postgres parses and plans it once per connection; its values travel as parameters.
   */
  async call<R>(scope: AccountScope, statement: ScopedStatement, ...values: unknown[]): Promise<R[]> {
    const pool = (this.db.driver as unknown as { master: { connect(): Promise<PgClient> } }).master;
    const client = await pool.connect();
    let rows: R[];
    try {
      rows = await this.execute<R>(client, scope, statement, values);
    } catch (error) {
      client.release(true);
      throw error;
    }
    client.release();
    return rows;
  }

  /**
   * One statement of a scoped write function (`sf_scoped_create_upload`), whose first two parameters
   * are the caller's account and mode, as a named prepared statement: inside a request transaction
   * on that transaction's connection, so it commits with the rest (an Idempotency-Key's record,
   * say); otherwise — in `runOneStatement` — as `call` runs it, its own implicit transaction.
   */
  async write<R>(scope: AccountScope, statement: ScopedStatement, ...values: unknown[]): Promise<R[]> {
    const runner = this.own()?.manager?.queryRunner;
    if (!runner) return this.call(scope, statement, ...values);
    return this.execute<R>((await runner.connect()) as PgClient, scope, statement, values, runner);
  }

  /** `statement` on `client` with the scope as its first two parameters, logged as TypeORM logs. */
  private async execute<R>(
    client: PgClient,
    scope: AccountScope,
    statement: ScopedStatement,
    values: unknown[],
    runner?: QueryRunner,
  ): Promise<R[]> {
    const parameters = [scope.accountId, scope.livemode, ...values];
    this.db.logger.logQuery(statement.text, parameters, runner);
    return (await client.query({ ...statement, values: parameters })).rows as R[];
  }

  /** The store of this scope's transaction around the caller, if any. */
  private own(): Store | undefined {
    const context = RequestScope.context.getStore();
    return context?.scope === this ? context.store : undefined;
  }

  private current(): Store {
    const store = this.own();
    if (!store) throw new Error('RequestScope used outside a request');
    return store;
  }

  private async runHooks(hooks: Hook[], when: string) {
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        this.logger.error(`${when} hook failed: ${(error as Error).message}`);
      }
    }
  }
}

/**
 * The caller's account and mode, set transaction-locally: what every row-level-security policy reads.
 * A `SELECT` to which the transaction's start adds `now()`; values quoted by the driver, since the
 * simple protocol that carries it in one message with other statements has no parameters.
 */
function scopeStatement(scope: AccountScope, quote: Quote): string {
  return (
    `SELECT set_config('sf.account_id', ${quote(scope.accountId)}, true), ` +
    `set_config('sf.livemode', ${quote(String(scope.livemode))}, true)`
  );
}
