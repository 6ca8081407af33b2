/**
 * One whole job through the real system, timed as a customer sees it: a fresh database, the
 * embedded S3, the api and the worker in this process; the source PUT to its presigned URL; the
 * clock starts at `POST /v1/uploads/{id}/complete` and stops when GET shows playable, then ready.
 */
import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { createDataSource, loadConfig, migrate, randomBase62 } from '@streamforge/core';
import { createWorkerApp } from '@streamforge/worker';
// Compiled by `npm run build` (scripts/); plain JS here, so no rootDir games.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startLocalS3, LOCAL_S3_CREDENTIALS } = require('../../../scripts/dist/local-s3');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createScratchDatabase, dropRedisPrefix, dropScratchDatabase } = require('../../../scripts/dist/scratch');

const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function runWholeJob(source: string): Promise<{ playableSeconds: number; readySeconds: number }> {
  const tag = `bench_${randomBase62(8).toLowerCase()}`;
  const databaseUrl = await createScratchDatabase(ADMIN, `sf_${tag}`);
  const dir = await mkdtemp(join(tmpdir(), 'sf-bench-s3-'));
  const s3 = await startLocalS3({ directory: dir, bucket: 'bench' });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: `sfb_${tag}`,
    S3_BUCKET: 'bench',
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    UPLOAD_MULTIPART_THRESHOLD: String(5 * 1024 ** 3),
    UPLOAD_PART_SIZE: String(5 * 1024 ** 3),
    // One job with every core, like the bare ffmpeg baselines it is compared with.
    WORKER_CONCURRENCY: '1',
  });
  await migrate(config.databaseUrl);
  const api = await createApiApp(config, { logLevel: 'error' });
  await api.listen(0, '127.0.0.1');
  const base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const worker = await createWorkerApp(config, { logger: ['error'] });
  try {
    const ds = createDataSource(config.databaseUrl);
    await ds.initialize();
    const key = await ds.transaction(
      async (m) =>
        (await issueApiKey(m, { accountId: (await findOrCreateAccount(m, 'bench')).id, livemode: false })).secret,
    );
    await ds.destroy();
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API objects read loosely, as a script would
      return r.json() as Promise<any>;
    };
    const size = (await stat(source)).size;
    const upload = await call('POST', '/v1/uploads', { filename: 'bench.mp4', size, content_type: 'video/mp4' });
    const status = await putFile(upload.part_urls[0].url, source, size, 'video/mp4');
    if (status !== 200) throw new Error(`PUT answered ${status}`);

    const started = performance.now();
    await call('POST', `/v1/uploads/${upload.id}/complete`);
    let playableSeconds = 0;
    for (;;) {
      const video = await call('GET', `/v1/videos/${upload.video_id}`);
      const now = (performance.now() - started) / 1000;
      if (video.playable && !playableSeconds) playableSeconds = now;
      if (!video.status) throw new Error(`GET /v1/videos answered ${JSON.stringify(video)}`);
      if (video.status === 'failed') throw new Error(`the job failed: ${JSON.stringify(video.error)}`);
      if (video.status === 'ready') return { playableSeconds, readySeconds: now };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await worker.close();
    await api.close();
    await s3.close();
    await rm(dir, { recursive: true, force: true });
    await dropRedisPrefix(REDIS_URL, `sfb_${tag}`);
    await dropScratchDatabase(ADMIN, `sf_${tag}`);
  }
}

/** Streams a file to a presigned PUT URL (sources can exceed what one Buffer holds). */
function putFile(url: string, path: string, size: number, contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'PUT', headers: { 'content-length': size, 'content-type': contentType } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    createReadStream(path).on('error', reject).pipe(request);
  });
}
