import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { type AppConfig, redisConnectionOptions } from '@streamforge/core';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../infra/tokens';

/**
 * Requests that fail authentication (no credential, a malformed or unknown one), counted per client
 * address in Redis so every api instance shares the count, apart from the per-key budget. Once an
 * address has spent its budget this instance remembers it and refuses that address's requests
 * before they cost a database lookup. When Redis cannot be reached the count is kept in this
 * process's memory instead, with the same budget: failed authentication is never waved through.
 */
@Injectable()
export class AuthFailureLimiter implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly limiter: RateLimiterRedis;
  /** address → epoch ms until which it is refused, as learnt from the shared count. */
  private readonly blocked = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis({ ...redisConnectionOptions(config.redis), enableOfflineQueue: false });
    this.redis.on('error', () => undefined);
    const { requests, windowSeconds } = config.authFailureLimit;
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${config.redis.prefix}:authfail`,
      points: requests,
      duration: windowSeconds,
      insuranceLimiter: new RateLimiterMemory({ points: requests, duration: windowSeconds }),
    });
  }

  /** Refuses an address that has spent its budget; costs no I/O. */
  assertAllowed(address: string, reply: FastifyReply) {
    const until = this.blocked.get(address);
    if (until === undefined) return;
    const ms = until - Date.now();
    if (ms <= 0) {
      this.blocked.delete(address);
      return;
    }
    throw this.refusal(ms, reply);
  }

  /** Counts one failed authentication; throws 429 instead once the budget is spent. */
  async recordFailure(address: string, reply: FastifyReply) {
    try {
      await this.limiter.consume(address);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      this.block(address, rejection.msBeforeNext);
      throw this.refusal(rejection.msBeforeNext, reply);
    }
  }

  private block(address: string, ms: number) {
    // Bounded: under a flood of addresses the oldest entries go first (Map keeps insertion order).
    if (this.blocked.size >= 100_000) this.blocked.delete(this.blocked.keys().next().value!);
    this.blocked.set(address, Date.now() + ms);
  }

  private refusal(ms: number, reply: FastifyReply) {
    const retryAfter = Math.max(1, Math.ceil(ms / 1000));
    void reply.header('Retry-After', retryAfter);
    return new ApiError(
      429,
      'rate_limit_error',
      'too_many_failed_authentications',
      `Too many requests without a valid credential from this address. Retry after ${retryAfter} s.`,
    );
  }

  onApplicationShutdown() {
    this.redis.disconnect();
  }
}
