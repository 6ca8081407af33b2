import { Injectable } from '@nestjs/common';
import { ApiKey, unixSeconds } from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiKeyCache } from '../auth/api-key-cache';
import { issueApiKey } from '../auth/key-issuer';
import { ApiError } from '../common/api-error';
import { type ListPage, type ListQuery, listScoped } from '../common/list';
import { RequestScope } from '../common/request-scope';
import type { ApiKeyObject } from './dto';

function keyView(key: ApiKey): ApiKeyObject {
  return {
    id: key.id,
    object: 'api_key',
    created: unixSeconds(key.createdAt),
    livemode: key.livemode,
    name: key.name,
    display: key.displayPrefix,
    revoked: key.revokedAt !== null,
  };
}

/** Keys of the caller's own account and mode: a test key can never mint a live key. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly scope: RequestScope,
    private readonly cache: ApiKeyCache,
  ) {}

  list(scope: AccountScope, query: ListQuery): Promise<ListPage<ApiKeyObject>> {
    return listScoped(this.scope.manager, ApiKey, scope, query, { url: '/v1/api_keys', view: keyView });
  }

  async create(scope: AccountScope, name?: string): Promise<ApiKeyObject> {
    const { key, secret } = await issueApiKey(this.scope.manager, {
      accountId: scope.accountId,
      livemode: scope.livemode,
      name,
    });
    return { ...keyView(key), secret };
  }

  /**
   * Revocation is immediate: once it commits, every api instance is told through Redis to drop the
   * key from its cache (and an instance that cannot hear Redis does not use its cache).
   */
  async revoke(scope: AccountScope, id: string): Promise<ApiKeyObject> {
    const key = await this.scope.manager.findOneBy(ApiKey, {
      id,
      accountId: scope.accountId,
      livemode: scope.livemode,
    });
    if (!key) throw ApiError.notFound('api_key', id);
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await this.scope.manager.save(key);
      this.scope.afterCommit(() => this.cache.announce(key.id));
    }
    return keyView(key);
  }
}
