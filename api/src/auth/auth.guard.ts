import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKey, looksLikeApiKey, safeEqual, sha256Hex, UploadSession } from '@streamforge/core';
import type { FastifyRequest } from 'fastify';
import { DataSource, IsNull } from 'typeorm';
import { ApiError } from '../common/api-error';
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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const credential = credentialFrom(request.headers.authorization);
    if (!credential) {
      throw ApiError.authentication(
        'missing_api_key',
        'No API key provided. Send it as `Authorization: Bearer sf_test_…`.',
      );
    }

    const uploadId = uploadIdOfClientSecret(credential);
    if (uploadId) {
      const allowed = this.reflector.getAllAndOverride<boolean>(CLIENT_SECRET_ROUTE, targets);
      const params = request.params as Record<string, string> | undefined;
      if (!allowed || params?.id !== uploadId) {
        throw ApiError.permission(
          'client_secret_scope',
          "An upload's client_secret can only call that upload's own endpoints.",
        );
      }
      const session = await this.db.getRepository(UploadSession).findOneBy({ id: uploadId });
      if (!session || !safeEqual(session.clientSecretHash, sha256Hex(credential))) throw INVALID_KEY();
      request.principal = {
        kind: 'client_secret',
        accountId: session.accountId,
        livemode: session.livemode,
        uploadId,
      };
      return true;
    }

    if (!looksLikeApiKey(credential)) throw INVALID_KEY();
    const key = await this.db
      .getRepository(ApiKey)
      .findOneBy({ secretHash: sha256Hex(credential), revokedAt: IsNull() });
    if (!key) throw INVALID_KEY();
    request.principal = { kind: 'api_key', accountId: key.accountId, livemode: key.livemode, keyId: key.id };
    return true;
  }
}
