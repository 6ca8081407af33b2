import { DataSource } from 'typeorm';
import { Account } from './entities/account.entity';
import { ApiKey } from './entities/api-key.entity';
import { EventRecord } from './entities/event.entity';
import { IdempotencyKey } from './entities/idempotency-key.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEndpoints1764300000000 } from './migrations/1764300000000-WebhookEndpoints';
import { WebhookDeliveries1764400000000 } from './migrations/1764400000000-WebhookDeliveries';
import { UploadSession } from './entities/upload-session.entity';
import { Video } from './entities/video.entity';
import { Init1764000000000 } from './migrations/1764000000000-Init';
import { TenancyAndIdempotency1764100000000 } from './migrations/1764100000000-TenancyAndIdempotency';
import { Transcoding1764200000000 } from './migrations/1764200000000-Transcoding';
import { HeavyMedia1764600000000 } from './migrations/1764600000000-HeavyMedia';
import { AppLogin1764700000000 } from './migrations/1764700000000-AppLogin';
import { ScopedVideoRead1764800000000 } from './migrations/1764800000000-ScopedVideoRead';
import { ScopedUploadCreate1764900000000 } from './migrations/1764900000000-ScopedUploadCreate';
import { IdempotencyClaim1765000000000 } from './migrations/1765000000000-IdempotencyClaim';
import { APP_ROLE, assertSafeAppRole } from './app-role';

export const ENTITIES = [
  Account,
  ApiKey,
  Video,
  UploadSession,
  EventRecord,
  IdempotencyKey,
  WebhookEndpoint,
  WebhookDelivery,
];
export const MIGRATIONS = [
  Init1764000000000,
  TenancyAndIdempotency1764100000000,
  Transcoding1764200000000,
  WebhookEndpoints1764300000000,
  WebhookDeliveries1764400000000,
  HeavyMedia1764600000000,
  AppLogin1764700000000,
  ScopedVideoRead1764800000000,
  ScopedUploadCreate1764900000000,
  IdempotencyClaim1765000000000,
];

/**
 * Schema changes only through migrations; `synchronize` stays off everywhere. `applicationName`
 * tells an operator's `pg_stat_activity` which process a session belongs to.
 */
export function dataSourceOptions(databaseUrl: string, applicationName = 'streamforge') {
  return {
    type: 'postgres' as const,
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 10, application_name: applicationName },
  };
}

export function createDataSource(databaseUrl: string, applicationName?: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, applicationName));
}

/**
 * Runs pending migrations, each in its own transaction. Safe when api and worker start together.
 * Refuses to start when the api's role exists with unsafe attributes; `appPassword` (from
 * `DATABASE_APP_URL`) becomes the api role's login password where the server asks for one.
 */
export async function migrate(databaseUrl: string, opts: { appPassword?: string } = {}): Promise<string[]> {
  const ds = createDataSource(databaseUrl, 'streamforge-migrate');
  await ds.initialize();
  try {
    return await ds.transaction(async (manager) => {
      // A session-wide lock held by this transaction serialises concurrent migrators; the
      // migrations themselves run on another pooled connection, one transaction each.
      await manager.query('SELECT pg_advisory_xact_lock(4242001)');
      await assertSafeAppRole(manager);
      const ran = await ds.runMigrations({ transaction: 'each' });
      if (opts.appPassword) {
        const [{ statement }] = await manager.query(
          `SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS statement`,
          [APP_ROLE, opts.appPassword],
        );
        await manager.query(statement);
      }
      return ran.map((m) => m.name);
    });
  } finally {
    await ds.destroy();
  }
}
