import { z } from 'zod';

const MiB = 1024 * 1024;

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

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(0, 65535).default(3000),
  DATABASE_URL: optional(url(['postgres:', 'postgresql:'])),
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
  UPLOAD_SESSION_TTL_SECONDS: optional(int(60, 7 * 24 * 3600)),
  PRESIGNED_URL_TTL_SECONDS: optional(int(60, 7 * 24 * 3600)),
  TRANSCODE_TIMEOUT_SECONDS: optional(int(10, 24 * 3600)),
});

export type Env = Record<string, string | undefined>;

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string;
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
  };
  transcode: { timeoutSeconds: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once, naming every bad or missing variable at once.
 * Development and test fall back to the local services; production must name them.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
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
  if (problems.length) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? LOCAL_DEFAULTS.DATABASE_URL,
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
    },
    transcode: { timeoutSeconds: e.TRANSCODE_TIMEOUT_SECONDS ?? 2 * 3600 },
  };
}

/** The base URL under which stored objects are publicly readable. */
export function publicObjectBase(config: AppConfig): string {
  if (config.cdnUrl) return config.cdnUrl;
  const { publicEndpoint, bucket, region } = config.s3;
  if (publicEndpoint) return `${publicEndpoint.replace(/\/+$/, '')}/${bucket}`;
  return `https://${bucket}.s3.${region}.amazonaws.com`;
}
