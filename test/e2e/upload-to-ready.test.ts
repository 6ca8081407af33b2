import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStorage } from '@streamforge/core';
import type { Manifest } from '../../worker/src/media/manifest';
import { runProcess } from '../../worker/src/media/process-runner';
import { generateClip, generateNonVideo } from '../support/clips';
import { client, waitFor } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

const MiB = 1024 * 1024;

let sys: TestSystem;
let work: string;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  // 5 MiB parts (S3's minimum) above 5 MiB, so a ~12 MB clip travels in three parts.
  sys = await startSystem({
    worker: true,
    env: { UPLOAD_MULTIPART_THRESHOLD: String(5 * MiB), UPLOAD_PART_SIZE: String(5 * MiB) },
  });
  api = client(sys.baseUrl, await sys.createKey('acme'));
  work = await mkdtemp(join(tmpdir(), 'sf-e2e-'));
});

afterAll(async () => {
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function ffprobeJson(path: string): Promise<any> {
  const out = await runProcess('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', path], {
    timeoutMs: 30_000,
  });
  if (out.code !== 0) throw new Error(`ffprobe failed on ${path}: ${out.stderrTail}`);
  return JSON.parse(out.stdout);
}

async function createUpload(path: string, filename: string, contentType = 'video/mp4') {
  const size = (await stat(path)).size;
  const created = await api('POST', '/v1/uploads', { filename, size, content_type: contentType, title: filename });
  expect(created.status).toBe(201);
  return created.body;
}

async function putBytes(url: string, bytes: Buffer, contentType?: string): Promise<string> {
  const response = await fetch(url, {
    method: 'PUT',
    body: bytes,
    headers: contentType ? { 'content-type': contentType } : {},
  });
  expect(response.status).toBe(200);
  return response.headers.get('etag')!;
}

async function waitUntilSettled(videoId: string) {
  const { body } = await waitFor(
    () => api('GET', `/v1/videos/${videoId}`),
    (r) => r.body.status === 'ready' || r.body.status === 'failed',
  );
  return body;
}

/** Fetches what a player would: manifest, each init segment and every media segment. */
async function checkPlayable(video: any, sourcePath: string) {
  expect(video.status).toBe('ready');
  const manifestResponse = await fetch(video.playback.manifest_url);
  expect(manifestResponse.status).toBe(200);
  const manifest = (await manifestResponse.json()) as Manifest;
  const base = video.playback.manifest_url.replace(/manifest\.json$/, '');
  const source = await ffprobeJson(sourcePath);
  const sourceDuration = Number(source.format.duration);

  expect(manifest.renditions.length).toBeGreaterThanOrEqual(1);
  for (const rendition of manifest.renditions) {
    expect(rendition.height).toBeLessThanOrEqual(360); // never upscaled from the 360p source
    const init = Buffer.from(await (await fetch(base + rendition.init)).arrayBuffer());
    let total = 0;
    for (const segment of rendition.segments) {
      const bytes = Buffer.from(await (await fetch(base + segment.url)).arrayBuffer());
      expect(bytes.length).toBe(segment.bytes);
      const file = join(work, `check-${rendition.id}-${segment.url.replace(/\W/g, '_')}.mp4`);
      await writeFile(file, Buffer.concat([init, bytes]));
      const probed = await ffprobeJson(file);
      expect(probed.streams.some((s: any) => s.codec_name === 'h264')).toBe(true);
      total += segment.duration;
    }
    expect(Math.abs(total - sourceDuration)).toBeLessThanOrEqual(0.5);
  }
  expect(Math.abs(video.duration - sourceDuration)).toBeLessThanOrEqual(0.5);
  expect(video.width).toBe(640);
  expect(video.height).toBe(360);
}

describe('upload → transcode → ready, as a customer drives it', () => {
  it('single presigned PUT: a 6 s clip ends ready with parsable CMAF segments', async () => {
    const path = join(work, 'six-seconds.mp4');
    await generateClip(path, { seconds: 6 });
    const upload = await createUpload(path, 'six-seconds.mp4');
    expect(upload).toMatchObject({ object: 'upload', status: 'open', mode: 'single', part_count: 1 });
    expect(upload.id).toMatch(/^upl_/);
    expect(upload.video_id).toMatch(/^vid_/);

    await putBytes(upload.part_urls[0].url, await readFile(path), 'video/mp4');
    const completed = await api('POST', `/v1/uploads/${upload.id}/complete`);
    expect(completed.status).toBe(202);
    expect(completed.body.status).toBe('completed');
    const right_after = await api('GET', `/v1/videos/${upload.video_id}`);
    expect(['processing', 'ready']).toContain(right_after.body.status);

    const video = await waitUntilSettled(upload.video_id);
    await checkPlayable(video, path);

    const again = await api('POST', `/v1/uploads/${upload.id}/complete`);
    expect(again.status).toBe(202); // completing twice is harmless
  });

  it('multipart with three parts, driven by the client_secret alone, survives a part retry', async () => {
    const path = join(work, 'big.mp4');
    await generateClip(path, { seconds: 6, videoBitrate: '16M' });
    const file = await readFile(path);
    expect(file.length).toBeGreaterThan(10 * MiB);

    const upload = await createUpload(path, 'big.mp4');
    expect(upload.mode).toBe('multipart');
    expect(upload.part_size).toBe(5 * MiB);
    expect(upload.part_count).toBe(Math.ceil(file.length / (5 * MiB)));
    expect(upload.part_count).toBeGreaterThanOrEqual(3);
    for (const part of upload.part_urls.slice(0, -1)) expect(part.size).toBe(upload.part_size);
    expect(upload.part_urls.at(-1).size).toBe(file.length - upload.part_size * (upload.part_count - 1));

    // The browser side: only the client_secret, never the secret key.
    const browser = client(sys.baseUrl, upload.client_secret);
    const slice = (n: number) => file.subarray((n - 1) * upload.part_size, n * upload.part_size);
    for (const part of upload.part_urls) {
      const etag = await putBytes(part.url, slice(part.part_number));
      const recorded = await browser('POST', `/v1/uploads/${upload.id}/parts`, {
        parts: [{ part_number: part.part_number, etag }],
      });
      expect(recorded.status).toBe(200);
    }
    // A retried part (same bytes, fresh URL) replaces the first copy and is recorded again.
    const fresh = await browser('POST', `/v1/uploads/${upload.id}/part_urls`, { part_numbers: [2] });
    expect(fresh.status).toBe(200);
    const retryEtag = await putBytes(fresh.body.part_urls[0].url, slice(2));
    await browser('POST', `/v1/uploads/${upload.id}/parts`, { parts: [{ part_number: 2, etag: retryEtag }] });

    const resumed = await browser('GET', `/v1/uploads/${upload.id}`);
    expect(resumed.body.parts.map((p: any) => p.part_number)).toEqual(
      Array.from({ length: upload.part_count }, (_, i) => i + 1),
    );
    // The client secret opens nothing else.
    expect((await browser('GET', `/v1/videos/${upload.video_id}`)).status).toBe(403);
    expect(
      (await browser('POST', '/v1/uploads', { filename: 'x.mp4', size: 1, content_type: 'video/mp4' })).status,
    ).toBe(403);

    // An ETag the store never returned for part 2: the store refuses to assemble (as S3 does).
    await browser('POST', `/v1/uploads/${upload.id}/parts`, {
      parts: [{ part_number: 2, etag: '"0123456789abcdef0123456789abcdef"' }],
    });
    const madeUp = await browser('POST', `/v1/uploads/${upload.id}/complete`);
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.error).toMatchObject({ code: 'upload_parts_invalid', param: 'parts' });
    expect(madeUp.body.error.message).toContain('InvalidPart');
    await browser('POST', `/v1/uploads/${upload.id}/parts`, { parts: [{ part_number: 2, etag: retryEtag }] });

    const completed = await browser('POST', `/v1/uploads/${upload.id}/complete`);
    expect(completed.status).toBe(202);

    const storage = new ObjectStorage(sys.config.s3);
    try {
      const keys = await storage.listKeys('');
      const sourceKey = keys.find((k) => k.endsWith(`${upload.video_id}/source`))!;
      const assembled = await storage.getBuffer(sourceKey);
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(sha(assembled!)).toBe(sha(file));
    } finally {
      storage.destroy();
    }

    const video = await waitUntilSettled(upload.video_id);
    await checkPlayable(video, path);
  });

  it('a text file named .mp4 fails with a code, and the worker goes on to the next job', async () => {
    const bad = join(work, 'notes.mp4');
    await generateNonVideo(bad);
    const badUpload = await createUpload(bad, 'notes.mp4');
    await putBytes(badUpload.part_urls[0].url, await readFile(bad), 'video/mp4');
    expect((await api('POST', `/v1/uploads/${badUpload.id}/complete`)).status).toBe(202);

    const good = join(work, 'after.mp4');
    await generateClip(good, { seconds: 2 });
    const goodUpload = await createUpload(good, 'after.mp4');
    await putBytes(goodUpload.part_urls[0].url, await readFile(good), 'video/mp4');
    expect((await api('POST', `/v1/uploads/${goodUpload.id}/complete`)).status).toBe(202);

    const failed = await waitUntilSettled(badUpload.video_id);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('unsupported_format');
    expect(failed.error.message).toMatch(/not a video/i);
    expect(failed.error.message).not.toMatch(/\/tmp|sf-vid/);
    expect(failed.playback).toBeNull();

    const ready = await waitUntilSettled(goodUpload.video_id);
    expect(ready.status).toBe('ready');
  });

  it('refuses to complete before the bytes arrive or with the wrong size', async () => {
    const path = join(work, 'short.mp4');
    await generateClip(path, { seconds: 1 });
    const upload = await createUpload(path, 'short.mp4');
    const early = await api('POST', `/v1/uploads/${upload.id}/complete`);
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('upload_incomplete');

    const tooShort = (await readFile(path)).subarray(1);
    const put = await fetch(upload.part_urls[0].url, {
      method: 'PUT',
      body: tooShort,
      headers: { 'content-type': 'video/mp4' },
    });
    // The URL is signed for the file's length: the store refuses a shorter body, as S3 does, so
    // nothing has arrived.
    expect(put.status).toBe(403);
    expect(await put.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const afterPut = await api('POST', `/v1/uploads/${upload.id}/complete`);
    expect(afterPut.status).toBe(400);
    expect(afterPut.body.error.code).toBe('upload_incomplete');

    // The server's own size check, whatever the store enforces: an object of the wrong size written
    // straight to the source key (as a store that ignores signed lengths would keep it).
    const storage = new ObjectStorage(sys.config.s3);
    const sourceKey = decodeURIComponent(new URL(upload.part_urls[0].url).pathname).split('/').slice(2).join('/');
    expect(sourceKey).toMatch(/\/source$/);
    await storage.putBuffer(sourceKey, tooShort, 'video/mp4');
    storage.destroy();
    const mismatch = await api('POST', `/v1/uploads/${upload.id}/complete`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({ code: 'upload_size_mismatch', param: 'size' });

    const video = await api('GET', `/v1/videos/${upload.video_id}`);
    expect(video.body.status).toBe('pending_upload');
  });
});
