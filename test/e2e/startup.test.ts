import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const entries = { api: 'api/dist/main.js', worker: 'worker/dist/main.js' };

describe('start-up configuration check (compiled entry points; `npm test` builds them first)', () => {
  it.each(Object.entries(entries))('%s refuses to start in production without S3_BUCKET, naming it', (_, entry) => {
    expect(existsSync(join(root, entry))).toBe(true);
    const run = spawnSync(process.execPath, [entry], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/never_used',
        REDIS_URL: 'redis://127.0.0.1:6379',
        AWS_SECRET_ACCESS_KEY: 'do-not-print-me',
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/S3_BUCKET: is required when NODE_ENV=production/);
    expect(run.stderr + run.stdout).not.toContain('do-not-print-me');
  });

  it('names each malformed variable in one message', () => {
    const run = spawnSync(process.execPath, [entries.api], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'http', REDIS_URL: 'localhost:6379' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PORT:/);
    expect(run.stderr).toMatch(/REDIS_URL:/);
  });

  it.each(Object.entries(entries))('%s refuses WEBHOOK_ALLOW_PRIVATE=true in production', (_, entry) => {
    const run = spawnSync(process.execPath, [entry], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/never_used',
        REDIS_URL: 'redis://127.0.0.1:6379',
        S3_BUCKET: 'streamforge',
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/WEBHOOK_ALLOW_PRIVATE: must not be true when NODE_ENV=production/);
  });
});
