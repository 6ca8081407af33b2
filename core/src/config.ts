import { z } from 'zod';
import { APP_ROLE } from './db/app-role';

const MiB = 1024 * 1024;

/** The largest upload accepted unless UPLOAD_MAX_SIZE says otherwise: 50 GiB. */
export const DEFAULT_UPLOAD_MAX_SIZE = 50 * 1024 * MiB;

/** Local services a developer machine is expected to run; production must name its own. */
export const LOCAL_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/streamforge',
  REDIS_URL: 'redis://127.0.0.1:6379',
  S3_BUCKET: 'streamforge',
} as const;

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
      message: `must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`,
    });

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Empty strings in the environment mean "unset" (docker compose writes them for blank defaults). */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** x264 presets, fastest first; the ladder's speed/size trade-off is configuration. */
export const X264_PRESETS = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
  'slower',
  'veryslow',
] as const;

/** One rung: the short side of the picture in pixels and the VBV cap in bits per second. */
export interface LadderRung {
  shortSide: number;
  maxrate: number;
}

export const DEFAULT_LADDER = '360:1000,720:3000,1080:6000';

/** Pure: `360:1000,720:3000` → rungs sorted by size; the syntax is checked by the schema. */
export function parseLadder(spec: string): LadderRung[] {
  return spec
    .split(',')
    .map((rung) => rung.split(':').map(Number))
    .map(([shortSide, kbps]) => ({ shortSide, maxrate: kbps * 1000 }))
    .sort((a, b) => a.shortSide - b.shortSide);
}

/** `250ms`, `5s`, `5m`, `2h`, `5d` or plain milliseconds → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms']!;
  return Number(match[1]) * unit;
}

const DURATION = /^\d+(ms|s|m|h|d)?$/;
const duration = z.string().regex(DURATION, 'must be a duration such as 500ms, 5s, 5m, 2h or 5d');

/** Standard Webhooks' (Svix's) retry schedule: the delay before each attempt. */
export const DEFAULT_WEBHOOK_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,10h';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(0, 65535).default(3000),
  DATABASE_URL: optional(url(['postgres:', 'postgresql:'])),
  DATABASE_APP_URL: optional(url(['postgres:', 'postgresql:'])),
  REDIS_URL: optional(url(['redis:', 'rediss:'])),
  REDIS_PREFIX: optional(z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, ":", "_" or "-" only')),
  AWS_REGION: optional(z.string().min(1)),
  AWS_ACCESS_KEY_ID: optional(z.string().min(1)),
  AWS_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  S3_BUCKET: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')),
  S3_ENDPOINT: optional(url(['http:', 'https:'])),
  S3_PUBLIC_ENDPOINT: optional(url(['http:', 'https:'])),
  CDN_URL: optional(url(['http:', 'https:'])),
  UPLOAD_MULTIPART_THRESHOLD: optional(int(5 * MiB, 5 * 1024 * MiB)),
  UPLOAD_PART_SIZE: optional(int(5 * MiB, 5 * 1024 * MiB)),
  UPLOAD_SESSION_TTL_SECONDS: optional(int(1, 7 * 24 * 3600)),
  PRESIGNED_URL_TTL_SECONDS: optional(int(60, 7 * 24 * 3600)),
  TRANSCODE_TIMEOUT_SECONDS: optional(int(10, 24 * 3600)),
  TRANSCODE_PRESET: optional(z.enum(X264_PRESETS)),
  TRANSCODE_CRF: optional(int(0, 51)),
  TRANSCODE_LADDER: optional(
    z
      .string()
      .regex(/^\d{2,4}:\d{2,6}(,\d{2,4}:\d{2,6})*$/, 'must look like 360:1000,720:3000 (short side:maxrate kbit/s)'),
  ),
  TRANSCODE_MAX_PIXELS: optional(int(64 * 64, 64 * 1024 * 1024)),
  TRANSCODE_MAX_DURATION_SECONDS: optional(int(1, 7 * 24 * 3600)),
  TRANSCODE_STALL_SECONDS: optional(int(1, 3600)),
  TRANSCODE_MAX_MEDIA_SECONDS: optional(int(1, 365 * 24 * 3600)),
  TRANSCODE_ACCOUNT_MEDIA_SECONDS_PER_DAY: optional(int(0, 365 * 24 * 3600)),
  TRANSCODE_THREADS: optional(int(0, 256)),
  WORKER_CONCURRENCY: optional(int(1, 64)),
  WORKER_ACCOUNT_CONCURRENCY: optional(int(1, 1024)),
  MAINTENANCE_INTERVAL_SECONDS: optional(int(1, 24 * 3600)),
  EVENT_RETENTION_DAYS: optional(int(1, 3650)),
  WORKER_LOCK_DURATION_MS: optional(int(1000, 10 * 60_000)),
  WORKER_STALLED_INTERVAL_MS: optional(int(500, 10 * 60_000)),
  WORKER_SHUTDOWN_GRACE_SECONDS: optional(int(0, 3600)),
  RECONCILE_INTERVAL_SECONDS: optional(int(1, 24 * 3600)),
  UPLOAD_MAX_SIZE: optional(int(1, 5 * 1024 * 1024 * MiB)),
  IDEMPOTENCY_TTL_SECONDS: optional(int(1, 30 * 24 * 3600)),
  RATE_LIMIT_REQUESTS: optional(int(1, 1_000_000)),
  RATE_LIMIT_WINDOW_SECONDS: optional(int(1, 3600)),
  AUTH_FAILURE_LIMIT: optional(int(1, 1_000_000)),
  AUTH_FAILURE_WINDOW_SECONDS: optional(int(1, 24 * 3600)),
  API_KEY_CACHE_SECONDS: optional(int(0, 300)),
  TRUST_PROXY_HOPS: optional(int(0, 10)),
  CORS_ORIGINS: optional(z.string().min(1)),
  WEBHOOK_ALLOW_PRIVATE: optional(z.enum(['true', 'false'])),
  WEBHOOK_SCHEDULE: optional(
    z.string().refine((v) => v.split(',').every((d) => DURATION.test(d.trim())), {
      message: 'must be comma-separated durations such as 0,5s,5m,30m',
    }),
  ),
  WEBHOOK_JITTER: optional(z.coerce.number().min(0).max(0.5)),
  WEBHOOK_TIMEOUT: optional(duration),
  WEBHOOK_DISABLE_AFTER: optional(duration),
  WEBHOOK_RELAY_INTERVAL: optional(duration),
  WEBHOOK_SWEEP_INTERVAL: optional(duration),
  WEBHOOK_CONCURRENCY: optional(int(1, 1000)),
  BUFFER_GC: optional(z.enum(['global-limit', 'default'])),
});

export type Env = Record<string, string | undefined>;

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  /** How V8 collects short-lived Buffers in the processes that carry media (`runtime/buffer-gc.ts`). */
  bufferGc: 'global-limit' | 'default';
  port: number;
  /** The owner's connection: migrations, the worker, sweeps and the key CLI. */
  databaseUrl: string;
  /**
   * The api's connection: the row-level-security role `streamforge_app` (never superuser, owner or
   * BYPASSRLS). Derived from `databaseUrl` with that user and the same password unless set.
   */
  databaseAppUrl: string;
  redis: { url: string; prefix: string };
  s3: {
    region: string;
    bucket: string;
    /** Where the api and worker reach the store; undefined means AWS itself. */
    endpoint?: string;
    /** Where browsers reach the store (presigned URLs); defaults to `endpoint`. */
    publicEndpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
  /** Base of playback URLs; defaults to the store's public bucket URL. */
  cdnUrl?: string;
  uploads: {
    multipartThreshold: number;
    partSize: number;
    sessionTtlSeconds: number;
    presignedUrlTtlSeconds: number;
    maxSize: number;
  };
  idempotencyTtlSeconds: number;
  /** Requests per key per window, shared by every api instance through Redis. */
  rateLimit: { requests: number; windowSeconds: number };
  /**
   * Requests without a valid credential per client address per window, counted before any database
   * lookup and apart from the per-key budget.
   */
  authFailureLimit: { requests: number; windowSeconds: number };
  /**
   * How long an api instance may reuse a key lookup (0: never). Revocation reaches every instance
   * through Redis pub/sub at once; this bounds a missed message.
   */
  apiKeyCacheSeconds: number;
  /** How many reverse proxies in front of the api append to `X-Forwarded-For` (0: use the socket's address). */
  trustProxyHops: number;
  /** Origins whose pages may call the API from a browser; `*` for any. */
  corsOrigins: string[];
  transcode: {
    timeoutSeconds: number;
    preset: (typeof X264_PRESETS)[number];
    crf: number;
    ladder: LadderRung[];
    /** Width × height above which a source is refused before any frame is decoded. */
    maxPixels: number;
    maxDurationSeconds: number;
    /** ffmpeg producing nothing (no frame, no segment) for this long is killed; a second stall fails the video. */
    stallSeconds: number;
    /** Most work one video may cost, in media seconds (1 = one second of 1080p30 through the default ladder). */
    maxMediaSeconds: number;
    /** Most media seconds one account may start in any 24 hours; null: no limit. */
    accountMediaSecondsPerDay: number | null;
    /** ffmpeg threads per stage of a job; 0: split the host's cores between the worker's concurrent jobs. */
    threads: number;
  };
  webhooks: {
    /** Development only: deliver to loopback and private addresses, over http too. */
    allowPrivate: boolean;
    /** Delay before each attempt (ms); the first is normally 0. After the last, `exhausted`. */
    scheduleMs: number[];
    /** ± this fraction of each delay, so retries of many deliveries spread out. */
    jitter: number;
    /** Total time for one attempt: connect, headers and body. */
    timeoutMs: number;
    /** An endpoint failing without a success for this long is disabled. */
    disableAfterMs: number;
    /** How often the relay looks for new events; bounds the delay from event to first attempt. */
    relayIntervalMs: number;
    /** How often due pending deliveries are re-queued (covers a flushed Redis). */
    sweepIntervalMs: number;
    /** Deliveries in flight per worker. */
    concurrency: number;
  };
  worker: {
    /** BullMQ lock: a worker that stops renewing it (killed) loses the job after this long. */
    lockDurationMs: number;
    stalledIntervalMs: number;
    /** On SIGTERM the current job may finish within this; then it is handed back to the queue. */
    shutdownGraceSeconds: number;
    reconcileIntervalSeconds: number;
    /** Transcodes one worker process runs at once. */
    concurrency: number;
    /** Transcodes one account may have running across all workers while another account's job waits. */
    accountConcurrency: number;
  };
  maintenance: {
    /** How often each lifecycle sweep (upload expiry, stray objects, retention) runs. */
    intervalSeconds: number;
    /** Events older than this are deleted. */
    eventRetentionDays: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** What is wrong, never the value given: zod's enum message quotes what it received. */
function problemOf(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_enum_value') return `must be one of ${issue.options.map((o) => `'${o}'`).join(', ')}`;
  return issue.message;
}

/**
 * Reads and validates the environment once, naming every bad or missing variable at once.
 * Development and test fall back to the local services; production must name them.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${problemOf(issue)}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production) {
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'S3_BUCKET'] as const) {
      if (!e[name]) problems.push(`${name}: is required when NODE_ENV=production`);
    }
  }
  if (Boolean(e.AWS_ACCESS_KEY_ID) !== Boolean(e.AWS_SECRET_ACCESS_KEY)) {
    problems.push(
      `${e.AWS_ACCESS_KEY_ID ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'}: must be set together with ${
        e.AWS_ACCESS_KEY_ID ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'
      }`,
    );
  }
  if (production && e.S3_ENDPOINT && !e.AWS_ACCESS_KEY_ID) {
    problems.push('AWS_ACCESS_KEY_ID: is required when S3_ENDPOINT points at an S3-compatible store');
  }
  const partSize = e.UPLOAD_PART_SIZE ?? 8 * MiB;
  const multipartThreshold = e.UPLOAD_MULTIPART_THRESHOLD ?? 16 * MiB;
  if (multipartThreshold < partSize) {
    problems.push('UPLOAD_MULTIPART_THRESHOLD: must not be smaller than UPLOAD_PART_SIZE');
  }
  const ladder = parseLadder(e.TRANSCODE_LADDER ?? DEFAULT_LADDER);
  if (ladder.some((r) => r.shortSide % 2 !== 0)) problems.push('TRANSCODE_LADDER: short sides must be even');
  if (production && e.WEBHOOK_ALLOW_PRIVATE === 'true') {
    problems.push(
      'WEBHOOK_ALLOW_PRIVATE: must not be true when NODE_ENV=production (it lets webhooks reach internal hosts)',
    );
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    bufferGc: e.BUFFER_GC ?? 'global-limit',
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? LOCAL_DEFAULTS.DATABASE_URL,
    databaseAppUrl: e.DATABASE_APP_URL ?? appUrlFrom(e.DATABASE_URL ?? LOCAL_DEFAULTS.DATABASE_URL),
    redis: { url: e.REDIS_URL ?? LOCAL_DEFAULTS.REDIS_URL, prefix: e.REDIS_PREFIX ?? 'sf' },
    s3: {
      region: e.AWS_REGION ?? 'us-east-1',
      bucket: e.S3_BUCKET ?? LOCAL_DEFAULTS.S3_BUCKET,
      endpoint: e.S3_ENDPOINT,
      publicEndpoint: e.S3_PUBLIC_ENDPOINT ?? e.S3_ENDPOINT,
      credentials:
        e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
          ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY }
          : undefined,
    },
    cdnUrl: e.CDN_URL?.replace(/\/+$/, ''),
    uploads: {
      multipartThreshold,
      partSize,
      sessionTtlSeconds: e.UPLOAD_SESSION_TTL_SECONDS ?? 24 * 3600,
      presignedUrlTtlSeconds: e.PRESIGNED_URL_TTL_SECONDS ?? 3600,
      maxSize: e.UPLOAD_MAX_SIZE ?? DEFAULT_UPLOAD_MAX_SIZE,
    },
    idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_SECONDS ?? 24 * 3600,
    rateLimit: { requests: e.RATE_LIMIT_REQUESTS ?? 100, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS ?? 1 },
    authFailureLimit: {
      requests: e.AUTH_FAILURE_LIMIT ?? 30,
      windowSeconds: e.AUTH_FAILURE_WINDOW_SECONDS ?? 60,
    },
    apiKeyCacheSeconds: e.API_KEY_CACHE_SECONDS ?? 10,
    trustProxyHops: e.TRUST_PROXY_HOPS ?? 0,
    corsOrigins: (e.CORS_ORIGINS ?? '*')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    transcode: {
      timeoutSeconds: e.TRANSCODE_TIMEOUT_SECONDS ?? 2 * 3600,
      preset: e.TRANSCODE_PRESET ?? 'veryfast',
      crf: e.TRANSCODE_CRF ?? 23,
      ladder,
      maxPixels: e.TRANSCODE_MAX_PIXELS ?? 3840 * 2160,
      maxDurationSeconds: e.TRANSCODE_MAX_DURATION_SECONDS ?? 6 * 3600,
      stallSeconds: e.TRANSCODE_STALL_SECONDS ?? 120,
      maxMediaSeconds: e.TRANSCODE_MAX_MEDIA_SECONDS ?? 6 * 3600,
      accountMediaSecondsPerDay: e.TRANSCODE_ACCOUNT_MEDIA_SECONDS_PER_DAY || null,
      threads: e.TRANSCODE_THREADS ?? 0,
    },
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
      scheduleMs: (e.WEBHOOK_SCHEDULE ?? DEFAULT_WEBHOOK_SCHEDULE).split(',').map(parseDuration),
      jitter: e.WEBHOOK_JITTER ?? 0.2,
      timeoutMs: parseDuration(e.WEBHOOK_TIMEOUT ?? '15s'),
      disableAfterMs: parseDuration(e.WEBHOOK_DISABLE_AFTER ?? '5d'),
      relayIntervalMs: parseDuration(e.WEBHOOK_RELAY_INTERVAL ?? '200ms'),
      sweepIntervalMs: parseDuration(e.WEBHOOK_SWEEP_INTERVAL ?? '30s'),
      concurrency: e.WEBHOOK_CONCURRENCY ?? 20,
    },
    worker: {
      lockDurationMs: e.WORKER_LOCK_DURATION_MS ?? 30_000,
      stalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS ?? 30_000,
      shutdownGraceSeconds: e.WORKER_SHUTDOWN_GRACE_SECONDS ?? 25,
      reconcileIntervalSeconds: e.RECONCILE_INTERVAL_SECONDS ?? 60,
      concurrency: e.WORKER_CONCURRENCY ?? 2,
      accountConcurrency: e.WORKER_ACCOUNT_CONCURRENCY ?? 1,
    },
    maintenance: {
      intervalSeconds: e.MAINTENANCE_INTERVAL_SECONDS ?? 300,
      eventRetentionDays: e.EVENT_RETENTION_DAYS ?? 30,
    },
  };
}

/** The base URL under which stored objects are publicly readable. */
export function publicObjectBase(config: AppConfig): string {
  if (config.cdnUrl) return config.cdnUrl;
  const { publicEndpoint, bucket, region } = config.s3;
  if (publicEndpoint) return `${publicEndpoint.replace(/\/+$/, '')}/${bucket}`;
  return `https://${bucket}.s3.${region}.amazonaws.com`;
}

/** The owner's URL with the api's role as user (same host, database, password and options). */
export function appUrlFrom(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.username = APP_ROLE;
  return url.toString();
}
