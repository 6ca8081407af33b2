import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, IdempotencyKey, sha256Hex } from '@streamforge/core';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { toErrorBody } from '../common/error-body';
import { type Quote, RequestScope } from '../common/request-scope';
import { APP_CONFIG } from '../infra/tokens';
import { ReplayedResponse } from './replayed-response';
import { stableJson } from './stable-json';

const MAX_KEY_LENGTH = 255;

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

/** A POST's Idempotency-Key, validated, with what its record is keyed and checked by. */
export interface KeyedRequest {
  accountId: string;
  livemode: boolean;
  /** The sent key, in its credential's key space (`namespacedKey`). */
  key: string;
  requestHash: string;
}

/**
 * Stripe's Idempotency-Key for every POST. The key is claimed inside the request's transaction and
 * its response stored in that same transaction, so the change and the record commit together:
 * a retry either replays the stored response or (after a crash) runs again from scratch.
 * `RequestTransaction` validates the key (`keyOf`) before the transaction, starts it with the claim
 * (`claimStatement`) and calls `run` inside it, around the handler.
 *
 * The claim is the key's transaction-scoped advisory lock, not a row: while the request runs, a
 * request with the same key (on any api instance) fails to take the lock and gets 409, and the
 * key's record is written once, with the response. Neither costs a round trip of its own: the claim
 * travels in the message that starts the transaction, the record in the one that commits it.
 */
@Injectable()
export class Idempotency {
  constructor(
    private readonly scope: RequestScope,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The request's Idempotency-Key, or undefined when there is none to honour (not a POST, no key,
   * no principal). An invalid key is refused here, before any transaction starts.
   */
  keyOf(request: FastifyRequest): KeyedRequest | undefined {
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !request.principal) return undefined;
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
    const requestHash = sha256Hex(`${request.method} ${request.url.split('?')[0]} ${stableJson(request.body ?? null)}`);
    return { accountId, livemode, key: namespacedKey(request.principal, sent), requestHash };
  }

  /**
   * The key's claim, for the request transaction to send with its start (`TransactionOptions.opening`):
   * `sf_idempotency_claim` takes the key's lock and only then reads its record (see its migration).
   */
  claimStatement(keyed: KeyedRequest, quote: Quote): string {
    return `SELECT * FROM sf_idempotency_claim(${quote(keyed.accountId)}, ${keyed.livemode ? 'true' : 'false'}, ${quote(keyed.key)})`;
  }

  /**
   * Inside the transaction started with `claimStatement`, given its rows: replays or refuses what
   * the claim found, or runs the handler and has its response recorded with the transaction's
   * `COMMIT`. `status`: what the handler answers on success, stored with its body for replays.
   */
  async run(
    request: FastifyRequest,
    keyed: KeyedRequest,
    claimed: unknown[],
    status: number,
    handle: () => Promise<unknown>,
  ): Promise<unknown> {
    const { accountId, livemode, key, requestHash } = keyed;
    this.settle(keyed, claimed[0] as ClaimRow | undefined);
    try {
      const body = await handle();
      // An expired record of the same key (the claim found it, and holds its lock) is replaced, its
      // creation time renewed to the transaction's, as the column's default gives a new one.
      this.scope.commitWith(
        (quote) =>
          'INSERT INTO idempotency_keys (account_id, livemode, key, request_hash, response_status, response_body) ' +
          `VALUES (${quote(accountId)}, ${livemode ? 'true' : 'false'}, ${quote(key)}, ${quote(requestHash)}, ` +
          `${Math.trunc(status)}, ${body === undefined ? 'NULL' : `${quote(JSON.stringify(body))}::jsonb`}) ` +
          'ON CONFLICT (account_id, livemode, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, ' +
          'response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body, ' +
          'created_at = EXCLUDED.created_at',
      );
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

  /** Refuses or replays what the claim found: the lock held elsewhere (409), an unexpired record. */
  private settle(keyed: KeyedRequest, claim: ClaimRow | undefined) {
    if (!claim) throw new Error('sf_idempotency_claim answered no row');
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
    if (claim.request_hash !== keyed.requestHash) {
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
