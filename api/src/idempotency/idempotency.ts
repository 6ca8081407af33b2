import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, IdempotencyKey, sha256Hex } from '@streamforge/core';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { toErrorBody } from '../common/error-body';
import { RequestScope, type ScopedStatement } from '../common/request-scope';
import { APP_CONFIG } from '../infra/tokens';
import { ReplayedResponse } from './replayed-response';
import { stableJson } from './stable-json';

const MAX_KEY_LENGTH = 255;

/**
 * The key's lock and record in one call (`sf_idempotency_claim(account, livemode, key)`, see its
 * migration). Named: Postgres parses and plans it once per connection.
 */
const CLAIM: ScopedStatement = {
  name: 'sf_idempotency_claim',
  text: 'SELECT * FROM sf_idempotency_claim($1, $2, $3)',
};

/**
 * The key's record, written with the response as the transaction's last statement. An expired record
 * of the same key (`CLAIM` found it, and holds its lock) is replaced and its creation time renewed to
 * the transaction's, as the column's default gives a new one.
 */
const RECORD: ScopedStatement = {
  name: 'sf_idempotency_record',
  text:
    'INSERT INTO idempotency_keys (account_id, livemode, key, request_hash, response_status, response_body) ' +
    'VALUES ($1, $2, $3, $4, $5, $6::jsonb) ' +
    'ON CONFLICT (account_id, livemode, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, ' +
    'response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at',
};

/** What `sf_idempotency_claim` answers: whether the lock was taken, and the key's record (NULLs when none). */
interface ClaimRow {
  locked: boolean;
  request_hash: string | null;
  response_status: number | null;
  response_body: unknown;
  created_at: Date | null;
}

/**
 * Each credential kind has its own key space: a browser holding one upload's client_secret must not
 * be able to claim a key (`order-4242`) the account's backend will use later. Sent keys are printable
 * ASCII, so a prefix joined by a control character can never equal one.
 */
export function namespacedKey(principal: Principal, sent: string): string {
  return principal.kind === 'client_secret' ? `${principal.uploadId}\u001f${sent}` : sent;
}

/**
 * Stripe's Idempotency-Key for every POST. The key is claimed inside the request's transaction and
 * its response stored in that same transaction, so the change and the record commit together:
 * a retry either replays the stored response or (after a crash) runs again from scratch.
 * `RequestTransaction` calls `run` inside the transaction, around the handler.
 *
 * The claim is the key's transaction-scoped advisory lock, not a row: while the request runs, a
 * request with the same key (on any api instance) fails to take the lock and gets 409, and the
 * key's record is written once, with the response, as the transaction's last statement — one round
 * trip fewer than inserting a claim and updating it, and the account row that the record's foreign
 * key share-locks is held for a shorter time.
 */
@Injectable()
export class Idempotency {
  constructor(
    private readonly scope: RequestScope,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `status`: what the handler answers on success, stored with its body for replays. */
  async run(request: FastifyRequest, status: number, handle: () => Promise<unknown>): Promise<unknown> {
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !request.principal) return handle();
    const sent = Array.isArray(header) ? header[0] : header;
    if (!sent || sent.length > MAX_KEY_LENGTH || /[^\x20-\x7e]/.test(sent)) {
      throw new ApiError(
        400,
        'idempotency_error',
        'idempotency_key_invalid',
        `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters.`,
      );
    }
    const { accountId, livemode } = request.principal;
    const key = namespacedKey(request.principal, sent);
    const requestHash = sha256Hex(`${request.method} ${request.url.split('?')[0]} ${stableJson(request.body ?? null)}`);

    await this.claim(accountId, livemode, key, requestHash);
    try {
      const body = await handle();
      // An expired record of the same key (found by `claim`) is replaced, its creation time renewed.
      const stored = body === undefined ? null : JSON.stringify(body);
      await this.scope.inTransaction({ accountId, livemode }, RECORD, key, requestHash, status, stored);
      return body;
    } catch (error) {
      // The transaction rolls back; a client error is deterministic, so remember it for retries.
      if (error instanceof ApiError && error.status < 500) {
        const { status: errorStatus, body } = toErrorBody(error, request.id);
        this.scope.afterRollback(() =>
          this.scope.run({ accountId, livemode }, () =>
            this.scope.manager
              .createQueryBuilder()
              .insert()
              .into(IdempotencyKey)
              .values({ accountId, livemode, key, requestHash, responseStatus: errorStatus, responseBody: body })
              .orIgnore()
              .execute(),
          ),
        );
      }
      throw error;
    }
  }

  /**
   * Takes the key's lock, then replays or refuses what an unexpired record of it says: one statement,
   * `sf_idempotency_claim`, which reads the record only once the lock is held (see its migration).
   */
  private async claim(accountId: string, livemode: boolean, key: string, requestHash: string) {
    const [claim] = await this.scope.inTransaction<ClaimRow>({ accountId, livemode }, CLAIM, key);
    if (!claim.locked) {
      throw new ApiError(
        409,
        'idempotency_error',
        'idempotency_key_in_use',
        'A request with this Idempotency-Key is still being processed. Retry after it finishes.',
      );
    }
    const unexpired =
      claim.created_at && claim.created_at.getTime() >= Date.now() - this.config.idempotencyTtlSeconds * 1000;
    if (!unexpired) return;
    if (claim.request_hash !== requestHash) {
      throw new ApiError(
        400,
        'idempotency_error',
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request. Use a new key for a new request.',
      );
    }
    throw new ReplayedResponse(claim.response_status ?? 500, claim.response_body);
  }
}
