import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { looksLikeApiKey, sha256Hex } from '@streamforge/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { AuthFailureLimiter } from '../rate-limit/auth-failure-limiter';
import { addressBucket } from '../rate-limit/client-address';
import { ApiKeyCache, type CachedKey } from './api-key-cache';
import { credentialFrom, uploadIdOfClientSecret } from './credentials';
import { CLIENT_SECRET_ROUTE, PUBLIC_ROUTE } from './principal';

const INVALID_KEY = () =>
  ApiError.authentication('invalid_api_key', 'Invalid API key. Check the key, or create a new one.');

/** Runs on every route; the principal it sets is what every query is scoped by. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: DataSource,
    private readonly failures: AuthFailureLimiter,
    private readonly keys: ApiKeyCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // Checked before any lookup, so a flood of guesses from one address costs the database nothing.
    const address = addressBucket(request.ip);
    this.failures.assertAllowed(address, reply);
    try {
      await this.authenticate(request, this.reflector.getAllAndOverride<boolean>(CLIENT_SECRET_ROUTE, targets));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await this.failures.recordFailure(address, reply);
      throw error;
    }
  }

  private async authenticate(request: FastifyRequest, clientSecretRoute: boolean | undefined): Promise<void> {
    const header = request.headers.authorization;
    const credential = credentialFrom(header);
    if (!credential) {
      if (header?.trim()) {
        throw ApiError.authentication(
          'authorization_malformed',
          'The Authorization header must be `Bearer <key>` or HTTP Basic with the key as username, and nothing else.',
        );
      }
      throw ApiError.authentication(
        'missing_api_key',
        'No API key provided. Send it as `Authorization: Bearer sf_test_…`.',
      );
    }

    const uploadId = uploadIdOfClientSecret(credential);
    if (uploadId) {
      const allowed = clientSecretRoute;
      const params = request.params as Record<string, string> | undefined;
      if (!allowed || params?.id !== uploadId) {
        throw ApiError.permission(
          'client_secret_scope',
          "An upload's client_secret can only call that upload's own endpoints.",
        );
      }
      // The one narrow way across accounts: it answers only to the right secret's hash.
      const [session]: { account_id: string; livemode: boolean }[] = await this.db.query(
        'SELECT account_id, livemode FROM sf_upload_by_client_secret($1, $2)',
        [uploadId, sha256Hex(credential)],
      );
      if (!session) throw INVALID_KEY();
      request.principal = {
        kind: 'client_secret',
        accountId: session.account_id,
        livemode: session.livemode,
        uploadId,
      };
      return;
    }

    if (!looksLikeApiKey(credential)) throw INVALID_KEY();
    const key = await this.lookUpKey(sha256Hex(credential));
    if (!key) throw INVALID_KEY();
    request.principal = { kind: 'api_key', accountId: key.accountId, livemode: key.livemode, keyId: key.id };
  }

  /** A valid key by its hash: from this process's cache while it is trusted, else the database. */
  private async lookUpKey(hash: string): Promise<CachedKey | undefined> {
    const cached = this.keys.get(hash);
    if (cached) return cached;
    const ticket = this.keys.ticket();
    const [row]: { id: string; account_id: string; livemode: boolean }[] = await this.db.query(
      'SELECT id, account_id, livemode FROM sf_api_key_by_hash($1)',
      [hash],
    );
    if (!row) return undefined;
    const key = { id: row.id, accountId: row.account_id, livemode: row.livemode };
    this.keys.remember(hash, key, ticket);
    return key;
  }
}
