import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem, type TestSystem } from '../../test/support/system';
import {
  AbortedError,
  AuthenticationError,
  JsonFileResumeStore,
  StreamForge,
  uploadFile,
  type UploadState,
} from '../src/node/index';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './support/fault-proxy';
import { writeRandomFile } from './support/files';
import { storedSourceSha256 } from './support/stored-object';

const MiB = 1024 * 1024;

let work: string;
let proxy: FaultProxy;
let sys: TestSystem;
let sf: StreamForge;

/** Faults are configured per test on the one proxy all presigned URLs point at. */
async function useFaults(options: FaultProxyOptions) {
  await proxy?.close();
  proxy = await startFaultProxy({ ...options, target: sys.s3.endpoint });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-sdk-faults-'));
  process.env.STREAMFORGE_STATE_DIR = join(work, 'state');
  // The API signs URLs for a fixed public endpoint: a forwarding port that the proxies take turns to own.
  const front = await startPortForwarder();
  sys = await startSystem({
    env: {
      UPLOAD_MULTIPART_THRESHOLD: String(5 * MiB),
      UPLOAD_PART_SIZE: String(5 * MiB),
      S3_PUBLIC_ENDPOINT: front.url,
    },
  });
  forwarder = front;
  sf = new StreamForge(await sys.createKey('faults'), { baseUrl: sys.baseUrl });
});

afterAll(async () => {
  await proxy?.close();
  await forwarder?.close();
  await sys?.close();
  delete process.env.STREAMFORGE_STATE_DIR;
  if (work) await rm(work, { recursive: true, force: true });
});

let forwarder: Awaited<ReturnType<typeof startPortForwarder>>;
/** A fixed port relaying raw TCP to whichever fault proxy the test set up, Host header untouched. */
async function startPortForwarder() {
  const net = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const server = net.createServer((client) => {
    const target = new URL(proxy.url);
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}

const fast = { retryBaseMs: 10, retryCapMs: 200 };
// The injected stalls never end, so only this timeout frees them. A busy machine may stall a healthy
// part too: the assertions below allow extra retries, never fewer.
const stallTimeoutMs = 5000;

test.each([11, 23, 42, 77, 1234])(
  'a multipart upload through random faults (seed %i) completes with the right bytes',
  async (seed) => {
    await useFaults({
      seed,
      slowBytesPerSecond: 16 * MiB,
      faults: {
        'drop-request': 0.04,
        'drop-response': 0.04,
        'status-500': 0.02,
        'status-503': 0.02,
        'status-429': 0.02,
        'expired-403': 0.03,
        stall: 0.02,
        slow: 0.03,
      },
    });
    const path = join(work, `random-${seed}.bin`);
    const sha = await writeRandomFile(path, 61 * MiB + 12345, seed);
    const result = await sf.upload(path, {
      title: `seed ${seed}`,
      concurrency: 4,
      ...fast,
      stallTimeoutMs,
      maxFailures: 50,
    });
    expect(result.upload.status).toBe('completed');
    expect(result.video?.status).toBe('processing');
    expect(Object.values(proxy.injected).reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(await storedSourceSha256(sys, result.videoId)).toBe(sha);
  },
);

test('every kind of fault is survived, each counted as a retry except a slow link', async () => {
  await useFaults({
    script: ['drop-request', 'drop-response', 'status-500', 'status-503', 'status-429', 'expired-403', 'stall', 'slow'],
    slowBytesPerSecond: 16 * MiB,
  });
  const path = join(work, 'scripted.bin');
  const sha = await writeRandomFile(path, 11 * MiB, 5);
  const retries: string[] = [];
  const handle = sf.upload(path, { concurrency: 1, ...fast, stallTimeoutMs });
  handle.on('retry', (r) => retries.push(r.error.name));
  const result = await handle;
  expect(Object.values(proxy.injected).every((n) => n === 1)).toBe(true);
  // Seven injected failures (a slow link is not one); more only if this machine stalled on its own.
  expect(retries.length).toBeGreaterThanOrEqual(7);
  // Each kind of fault surfaced as its own error (drops as network errors, statuses as UploadError,
  // the stall as StallError). A busy machine may add transient ones (an API call timing out), never
  // a kind that should have failed the upload.
  expect(retries).toEqual(expect.arrayContaining(['PartNetworkError', 'StallError', 'UploadError']));
  const transient = ['PartNetworkError', 'StallError', 'UploadError', 'TimeoutError', 'ConnectionError'];
  expect(retries.filter((name) => !transient.includes(name))).toEqual([]);
  expect(await storedSourceSha256(sys, result.videoId)).toBe(sha);
  // A part is only re-sent after a failure: 3 parts plus at most one part per failed attempt.
  expect(proxy.totalPutBytes()).toBeLessThanOrEqual(11 * MiB + retries.length * 5 * MiB);
});

test('a small file goes in one PUT with its content type, through faults', async () => {
  await useFaults({ script: ['status-503', 'drop-request'] });
  const path = join(work, 'small.mp4');
  const sha = await writeRandomFile(path, 3 * MiB + 7, 9);
  const result = await sf.upload(path, fast);
  expect(result.upload.mode).toBe('single');
  expect(result.upload.content_type).toBe('video/mp4');
  expect([...proxy.bytesByPart.keys()]).toEqual([1]);
  expect(await storedSourceSha256(sys, result.videoId)).toBe(sha);
});

test('pause stops sending and resume finishes without re-sending recorded parts', async () => {
  await useFaults({});
  const path = join(work, 'pause.bin');
  const sha = await writeRandomFile(path, 26 * MiB, 3);
  const states: UploadState['status'][] = [];
  const handle = sf.upload(path, { concurrency: 1, ...fast });
  handle.on('state', (s) => states.push(s.status));
  await new Promise<void>((resolve) => {
    const off = handle.on('part', () => {
      off();
      handle.pause();
      resolve();
    });
  });
  expect(handle.state.status).toBe('paused');
  const recorded = (await sf.uploads.retrieve(handle.uploadId!)).parts.map((p) => p.part_number);
  expect(recorded).toEqual([1]);
  handle.resume();
  const result = await handle;
  expect(states).toEqual(['preparing', 'uploading', 'paused', 'uploading', 'completing', 'done']);
  expect(proxy.bytesByPart.get(1)).toBe(5 * MiB); // part 1 was sent once
  expect(handle.progress?.bytesCommitted).toBe(26 * MiB);
  expect(await storedSourceSha256(sys, result.videoId)).toBe(sha);
});

test('a new upload of the same file resumes the earlier session from the server record', async () => {
  await useFaults({});
  const path = join(work, 'resume.bin');
  const sha = await writeRandomFile(path, 21 * MiB, 4);
  const first = sf.upload(path, { concurrency: 1, ...fast });
  await new Promise<void>((resolve) => first.on('part', (p) => p.partNumber === 2 && (first.pause(), resolve())));
  const second = sf.upload(path, { concurrency: 2, ...fast });
  const result = await second;
  expect(result.uploadId).toBe(first.uploadId);
  expect(proxy.bytesByPart.get(1)).toBe(5 * MiB);
  expect(proxy.bytesByPart.get(2)).toBe(5 * MiB);
  expect(await storedSourceSha256(sys, result.videoId)).toBe(sha);
  // Finished sessions are forgotten.
  expect(
    Object.keys(JSON.parse(await (await import('node:fs/promises')).readFile(new JsonFileResumeStore().path, 'utf8'))),
  ).toHaveLength(0);
  await first.abort(); // the paused handle is stale; aborting it must not disturb the completed upload
});

test('abort discards the upload on the server and rejects with AbortedError', async () => {
  await useFaults({});
  const path = join(work, 'abort.bin');
  await writeRandomFile(path, 16 * MiB, 8);
  const controller = new AbortController();
  const handle = sf.upload(path, { concurrency: 1, signal: controller.signal, ...fast });
  await new Promise<void>((resolve) => handle.on('part', () => resolve()));
  controller.abort();
  await expect(handle.done).rejects.toBeInstanceOf(AbortedError);
  expect(handle.state.status).toBe('aborted');
  expect((await sf.uploads.retrieve(handle.uploadId!)).status).toBe('aborted');
});

test('a browser-style upload with only the client_secret completes; a wrong secret fails fast', async () => {
  await useFaults({});
  const path = join(work, 'secret.bin');
  const sha = await writeRandomFile(path, 12 * MiB, 6);
  const created = await sf.uploads.create({ filename: 'secret.bin', size: 12 * MiB, content_type: 'video/mp4' });
  const result = await uploadFile(path, {
    baseUrl: sys.baseUrl,
    upload: { id: created.id, client_secret: created.client_secret! },
    ...fast,
  });
  expect(result.video).toBeNull(); // a client_secret cannot read videos
  expect(await storedSourceSha256(sys, result.videoId)).toBe(sha);

  const other = await sf.uploads.create({ filename: 'x.bin', size: 12 * MiB, content_type: 'video/mp4' });
  const wrong = uploadFile(path, {
    baseUrl: sys.baseUrl,
    resume: false,
    upload: { id: other.id, client_secret: `${other.id}_secret_${'x'.repeat(32)}` },
  });
  await expect(wrong.done).rejects.toBeInstanceOf(AuthenticationError);
  expect(wrong.state.status).toBe('failed');
});
