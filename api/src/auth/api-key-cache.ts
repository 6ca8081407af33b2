import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { type AppConfig, redisConnectionOptions } from '@streamforge/core';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG } from '../infra/tokens';
import { RedisPublisher } from '../infra/redis-publisher';

/** What a valid key resolves to: the principal's identity and scope. */
export interface CachedKey {
  id: string;
  accountId: string;
  livemode: boolean;
}

const MAX_KEYS = 10_000;
/** How often the subscription is checked, and how long a check may go unanswered. */
const HEARTBEAT_MS = 1_000;
/** Entries are used only while the last PING was answered this recently… */
const HEARTBEAT_DEADLINE_MS = 3_000;
/** …and the connection is dropped and made again when none has been for this long. */
const HEARTBEAT_RECONNECT_MS = 10_000;

export const keyChangesChannel = (prefix: string) => `${prefix}:api-keys:changed`;

/**
 * Valid API keys by secret hash, in this process, for `API_KEY_CACHE_SECONDS`. Entries are trusted
 * only while this process is subscribed to the key-change channel in Redis: a revocation on any
 * instance is published there and removes the key here before the next request. While the
 * subscription is not known to be live (Redis down, connection lost, not yet subscribed, a heartbeat
 * unanswered) the cache is empty and bypassed, so every request goes to the database. Unknown or
 * revoked keys are never cached.
 */
@Injectable()
export class ApiKeyCache implements OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyCache.name);
  private readonly entries: LRUCache<string, CachedKey> | null;
  private readonly channel: string;
  private readonly subscriber: Redis | null;
  private readonly heartbeat?: NodeJS.Timeout;
  private live = false;
  /** Bumped by every invalidation and every loss of the subscription; see `remember`. */
  private generation = 0;
  /** Bumped by every loss of the subscription. */
  private epoch = 0;
  private lastPong = 0;
  private closed = false;
  /** Emits `invalidated` with a key id for every change message received. */
  readonly events = new EventEmitter();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly publisher: RedisPublisher,
  ) {
    this.channel = keyChangesChannel(config.redis.prefix);
    const options = redisConnectionOptions(config.redis);
    if (config.apiKeyCacheSeconds <= 0) {
      this.entries = null;
      this.subscriber = null;
      return;
    }
    this.entries = new LRUCache<string, CachedKey>({ max: MAX_KEYS, ttl: config.apiKeyCacheSeconds * 1000 });
    const subscriber = new Redis({ ...options, autoResubscribe: false });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('ready', () => void this.subscribe());
    for (const event of ['close', 'end', 'reconnecting'] as const) subscriber.on(event, () => this.lose());
    subscriber.on('message', (channel: string, keyId: string) => {
      if (channel !== this.channel) return;
      this.invalidate(keyId);
      this.events.emit('invalidated', keyId);
    });
    this.heartbeat = setInterval(() => this.check(), HEARTBEAT_MS).unref();
  }

  /** True while lookups may be answered from memory. */
  get trusted(): boolean {
    return this.live && this.subscriber?.status === 'ready' && Date.now() - this.lastPong < HEARTBEAT_DEADLINE_MS;
  }

  get(hash: string): CachedKey | undefined {
    return this.trusted ? this.entries?.get(hash) : undefined;
  }

  /** Call before the database lookup; pass the result to `remember`. */
  ticket(): number {
    return this.generation;
  }

  /**
   * Keeps a key the database just returned, unless anything was invalidated (or the subscription
   * lost) since `ticket()`: that change may be this very key, read before its revocation committed.
   */
  remember(hash: string, key: CachedKey, ticket: number) {
    if (ticket === this.generation && this.trusted) this.entries?.set(hash, key);
  }

  /**
   * After a change to a key's validity has committed: forgets it here and tells every instance.
   * If the message cannot be published, other instances keep the key for at most the cache's TTL.
   */
  async announce(keyId: string) {
    this.invalidate(keyId);
    try {
      await this.publisher.publish(this.channel, keyId);
    } catch (error) {
      this.logger.error(`could not publish the change of key ${keyId}: ${(error as Error).message}`);
    }
  }

  private invalidate(keyId: string) {
    this.generation++;
    if (!this.entries) return;
    for (const [hash, key] of this.entries.entries()) if (key.id === keyId) this.entries.delete(hash);
  }

  private async subscribe() {
    const subscriber = this.subscriber!;
    const epoch = this.epoch;
    try {
      await subscriber.subscribe(this.channel);
      // Anything published while unsubscribed is lost: start from empty, and only if the
      // connection was not lost again while the subscription was being set up.
      if (epoch !== this.epoch || subscriber.status !== 'ready') return;
      this.entries?.clear();
      this.lastPong = Date.now();
      this.live = true;
    } catch {
      this.reconnect();
    }
  }

  /** Drops the subscription and lets ioredis connect again, which subscribes afresh on `ready`. */
  private reconnect() {
    this.lose();
    if (!this.closed) this.subscriber?.disconnect(true);
  }

  private lose() {
    this.live = false;
    this.epoch++;
    this.generation++;
    this.entries?.clear();
  }

  /** A connection that died without closing (a partition) is found by an unanswered PING. */
  private check() {
    if (!this.live || this.closed) return;
    if (Date.now() - this.lastPong >= HEARTBEAT_RECONNECT_MS) return this.reconnect();
    const epoch = this.epoch;
    this.subscriber?.ping().then(
      () => {
        if (epoch === this.epoch) this.lastPong = Date.now();
      },
      () => this.reconnect(),
    );
  }

  onApplicationShutdown() {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.lose();
    this.subscriber?.disconnect();
  }
}
