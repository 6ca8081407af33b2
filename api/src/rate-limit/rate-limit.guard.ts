import { CanActivate, ExecutionContext, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AppConfig, redisConnectionOptions } from '@streamforge/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { PUBLIC_ROUTE } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../infra/tokens';

/**
 * Per-credential request budget kept in Redis, so every api instance shares it. Answers with
 * `RateLimit-*` headers always and `Retry-After` on 429. While Redis cannot be reached the budget is
 * kept in this process's memory (per instance) rather than dropped.
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis = new Redis({ ...redisConnectionOptions(config.redis), enableOfflineQueue: false, lazyConnect: false });
    this.redis.on('error', () => undefined);
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${config.redis.prefix}:ratelimit`,
      points: config.rateLimit.requests,
      duration: config.rateLimit.windowSeconds,
      insuranceLimiter: new RateLimiterMemory({
        points: config.rateLimit.requests,
        duration: config.rateLimit.windowSeconds,
      }),
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const principal = request.principal;
    if (!principal) return true;
    const subject = principal.kind === 'api_key' ? principal.keyId : principal.uploadId;
    const limit = this.config.rateLimit.requests;
    let outcome: RateLimiterRes;
    try {
      outcome = await this.limiter.consume(subject);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      void reply
        .header('RateLimit-Limit', limit)
        .header('RateLimit-Remaining', 0)
        .header('RateLimit-Reset', retryAfter);
      void reply.header('Retry-After', retryAfter);
      throw new ApiError(
        429,
        'rate_limit_error',
        'rate_limited',
        `Too many requests with this key. Retry after ${retryAfter} s.`,
      );
    }
    void reply
      .header('RateLimit-Limit', limit)
      .header('RateLimit-Remaining', outcome.remainingPoints)
      .header('RateLimit-Reset', Math.max(0, Math.ceil(outcome.msBeforeNext / 1000)));
    return true;
  }

  onApplicationShutdown() {
    this.redis.disconnect();
  }
}
