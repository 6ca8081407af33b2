import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { type AppConfig } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../infra/tokens';

/** Deletes idempotency records past their retention (≥ 24 h by default), every ten minutes. */
@Injectable()
export class IdempotencyReaper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyReaper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(
      () => void this.reap().catch((e) => this.logger.warn(`reap failed: ${e.message}`)),
      600_000,
    );
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async reap(): Promise<number> {
    const result = await this.db.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)`,
      [this.config.idempotencyTtlSeconds],
    );
    return result[1] ?? 0;
  }
}
