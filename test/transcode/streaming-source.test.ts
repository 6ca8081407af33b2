import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStorage } from '@streamforge/core';
import { generateClip } from '../support/clips';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { transcodeLocally } from './outputs';
import { settled, waitForVideo } from './system-helpers';

const MiB = 1024 * 1024;

let sys: TestSystem;
let api: ReturnType<typeof client>;
let work: string;
let storage: ObjectStorage;
let clip: string;
let size = 0;

beforeAll(async () => {
  sys = await startSystem({
    worker: true,
    env: {
      TRANSCODE_LADDER: '90:300,180:600',
      UPLOAD_MULTIPART_THRESHOLD: String(5 * MiB),
      UPLOAD_PART_SIZE: String(5 * MiB),
    },
  });
  api = client(sys.baseUrl, await sys.createKey('streaming'));
  storage = sys.worker!.get(ObjectStorage);
  work = await mkdtemp(join(tmpdir(), 'sf-streaming-'));
  // ~10 MB: two multipart parts, the bitrate even over the 10 s, the index (moov) at the front.
  clip = join(work, 'clip.mp4');
  await generateClip(clip, { seconds: 10, width: 640, height: 360, videoBitrate: '8M' });
  size = (await readFile(clip)).length;
});
afterAll(async () => {
  jest.restoreAllMocks();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A customer's multipart upload (two parts), recorded and completed; returns the video id. */
async function uploadMultipart(path: string): Promise<string> {
  const file = await readFile(path);
  const created = await api('POST', '/v1/uploads', {
    filename: 'clip.mp4',
    size: file.length,
    content_type: 'video/mp4',
  });
  expect(created.status).toBe(201);
  expect(created.body.mode).toBe('multipart');
  const upload = created.body;
  for (const part of upload.part_urls) {
    const from = (part.part_number - 1) * upload.part_size;
    const put = await fetch(part.url, { method: 'PUT', body: file.subarray(from, from + part.size) });
    expect(put.status).toBe(200);
    const recorded = await api('POST', `/v1/uploads/${upload.id}/parts`, {
      parts: [{ part_number: part.part_number, etag: put.headers.get('etag') }],
    });
    expect(recorded.status).toBe(200);
  }
  expect((await api('POST', `/v1/uploads/${upload.id}/complete`)).status).toBe(202);
  return upload.video_id;
}

type Body = AsyncIterable<Uint8Array>;

/** Wraps the worker's ranged source reads: `shape` sees each read's pieces with their offsets. */
function interceptReads(shape: (body: Body, start: number) => Body) {
  const original = storage.getRange.bind(storage);
  return jest
    .spyOn(storage, 'getRange')
    .mockImplementation(async (key, start, end, opts) => shape(await original(key, start, end, opts), start));
}

/** What every track published, without the bytes: ids, segment counts and durations, extras. */
function shapeOf(manifest: any) {
  const track = (t: any) => ({ id: t.id, codecs: t.codecs, durations: t.segments.map((s: any) => s.duration) });
  return {
    complete: manifest.complete,
    renditions: manifest.renditions.map((r: any) => ({ ...track(r), width: r.width, height: r.height })),
    audio: manifest.audio && track(manifest.audio),
    thumbnails: manifest.thumbnails?.urls.length,
    storyboard: manifest.storyboard,
    poster: manifest.poster,
  };
}

const text = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
};

describe('encoding while the source streams in from storage', () => {
  it('is playable before the worker has even received the second half of the source, then ready with every output', async () => {
    const holdFrom = Math.floor(size / 2);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let received = 0;
    const reads = interceptReads((body, start) =>
      (async function* () {
        let at = start;
        for await (const piece of body) {
          // Bytes past the middle wait until the test has seen `playable`.
          if (at + piece.length > holdFrom) await released;
          at += piece.length;
          received = Math.max(received, at);
          yield piece;
        }
      })(),
    );
    try {
      const id = await uploadMultipart(clip);
      const early = await waitForVideo(api, id, (v) => v.playable || settled(v));
      expect(early).toMatchObject({ status: 'processing', playable: true });
      // ffmpeg cannot have read what the worker has not received.
      expect(received).toBeLessThanOrEqual(holdFrom);
      expect(received).toBeLessThan(size);
      const growing = JSON.parse(await text(early.playback.manifest_url));
      expect(growing.complete).toBe(false);
      for (const track of [...growing.renditions, growing.audio]) {
        expect(track.segments[0].duration).toBeLessThanOrEqual(1.1);
      }

      release();
      const video = await waitForVideo(api, id, settled);
      expect(video).toMatchObject({ status: 'ready', playable: true });
      expect(received).toBe(size);
      expect(reads.mock.calls.every(([, start, end]) => end > start)).toBe(true);

      // The same file read from local disk publishes the same structure.
      const streamed = shapeOf(JSON.parse(await text(video.playback.manifest_url)));
      const local = await transcodeLocally(clip, join(work, 'local-out'));
      expect(streamed).toEqual(shapeOf(local.manifest));
      expect(streamed.renditions.map((r: any) => r.id)).toEqual(['90p', '180p']);
      expect(streamed.audio.id).toBe('audio');
      expect(await text(video.playback.dash_url)).toContain('<MPD');
      expect(await text(video.playback.storyboard_url)).toMatch(/^WEBVTT/);
    } finally {
      release();
      reads.mockRestore();
    }
  });

  it('resumes a storage read that breaks mid-stream, and the video ends ready', async () => {
    const failures: number[] = [];
    const reads = interceptReads((body, start) =>
      (async function* () {
        let at = start;
        for await (const piece of body) {
          yield piece;
          at += piece.length;
          // The first read breaks once it has delivered a megabyte, like a dropped connection.
          if (failures.length === 0 && at - start >= MiB) {
            failures.push(at);
            throw new Error('socket hang up');
          }
        }
      })(),
    );
    try {
      const id = await uploadMultipart(clip);
      const video = await waitForVideo(api, id, settled);
      expect(video).toMatchObject({ status: 'ready', playable: true });
      expect(failures).toHaveLength(1);
      // The next read of that range starts where the broken one stopped.
      expect(reads.mock.calls.some(([, start]) => start === failures[0])).toBe(true);
      const manifest = JSON.parse(await text(video.playback.manifest_url));
      expect(manifest.complete).toBe(true);
      expect(manifest.duration).toBeGreaterThan(9);
    } finally {
      reads.mockRestore();
    }
  });
});
