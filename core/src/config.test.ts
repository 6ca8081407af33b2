import { ConfigError, loadConfig, publicObjectBase } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on local defaults in development', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/streamforge');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.s3.bucket).toBe('streamforge');
  });

  it('names every missing variable in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/sf' });
    expect(problems.join('\n')).toMatch(/S3_BUCKET/);
    expect(problems.join('\n')).toMatch(/REDIS_URL/);
    expect(problems.join('\n')).not.toMatch(/DATABASE_URL/);
  });

  it('names each malformed variable at once', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      PORT: 'eighty',
      S3_ENDPOINT: 'not a url',
      NODE_ENV: 'staging',
    });
    for (const name of ['DATABASE_URL', 'PORT', 'S3_ENDPOINT', 'NODE_ENV']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it('wants both AWS credentials or neither', () => {
    expect(problemsOf({ AWS_ACCESS_KEY_ID: 'AKIA' })).toEqual([
      'AWS_SECRET_ACCESS_KEY: must be set together with AWS_ACCESS_KEY_ID',
    ]);
  });

  it('never puts secret values in its messages', () => {
    const error = (() => {
      try {
        loadConfig({ AWS_SECRET_ACCESS_KEY: 'supersecretvalue', DATABASE_URL: 'mysql://u:hunter2@h/db' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toMatch(/supersecretvalue|hunter2/);
    // A value pasted into the wrong variable is not echoed either.
    expect(problemsOf({ WEBHOOK_ALLOW_PRIVATE: 'hunter2', BUFFER_GC: 'hunter2' })).toEqual([
      "WEBHOOK_ALLOW_PRIVATE: must be one of 'true', 'false'",
      "BUFFER_GC: must be one of 'global-limit', 'default'",
    ]);
  });

  it('builds playback URLs from CDN_URL, else the public S3 endpoint', () => {
    expect(publicObjectBase(loadConfig({ CDN_URL: 'https://cdn.example.com/' }))).toBe('https://cdn.example.com');
    expect(
      publicObjectBase(loadConfig({ S3_ENDPOINT: 'http://minio:9000', S3_PUBLIC_ENDPOINT: 'http://localhost:9000' })),
    ).toBe('http://localhost:9000/streamforge');
    expect(publicObjectBase(loadConfig({ AWS_REGION: 'eu-west-1', S3_BUCKET: 'videos' }))).toBe(
      'https://videos.s3.eu-west-1.amazonaws.com',
    );
  });

  it('refuses WEBHOOK_ALLOW_PRIVATE in production and reads the webhook schedule', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/sf',
      REDIS_URL: 'redis://r:6379',
      S3_BUCKET: 'bucket',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    expect(problems.join('\n')).toMatch(/WEBHOOK_ALLOW_PRIVATE: must not be true when NODE_ENV=production/);
    const config = loadConfig({ WEBHOOK_SCHEDULE: '0,250ms,5s,2h', WEBHOOK_ALLOW_PRIVATE: 'true' });
    expect(config.webhooks.scheduleMs).toEqual([0, 250, 5000, 7_200_000]);
    expect(config.webhooks.allowPrivate).toBe(true);
    expect(loadConfig({}).webhooks).toMatchObject({ allowPrivate: false, timeoutMs: 15_000, jitter: 0.2 });
    expect(loadConfig({}).webhooks.scheduleMs).toHaveLength(8);
    expect(problemsOf({ WEBHOOK_SCHEDULE: '0,soon' }).join()).toMatch(/WEBHOOK_SCHEDULE/);
  });
});

describe('the api database URL', () => {
  it('is the owner URL with the row-level-security role as user, unless set', () => {
    const derived = loadConfig({ DATABASE_URL: 'postgres://owner:s3cret@db.example:6543/sf?sslmode=require' });
    expect(derived.databaseAppUrl).toBe('postgres://streamforge_app:s3cret@db.example:6543/sf?sslmode=require');
    expect(loadConfig({}).databaseAppUrl).toBe('postgres://streamforge_app@127.0.0.1:5432/streamforge');
    const explicit = loadConfig({ DATABASE_APP_URL: 'postgres://api:pw@other/sf' });
    expect(explicit.databaseAppUrl).toBe('postgres://api:pw@other/sf');
  });
});
