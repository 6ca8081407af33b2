import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaError } from '../../worker/src/media/errors';
import { buildProbeArgs, inputEnv } from '../../worker/src/media/probe';
import { runProcess } from '../../worker/src/media/process-runner';
import { localSource } from '../../worker/src/media/source-feed';
import { serveSource } from '../../worker/src/media/source-server';
import { generateClip, REFUSED_KINDS, type RefusedKind } from '../support/clips';
import { exists, transcodeLocally } from './outputs';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-refusals-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function refusal(source: string, outDir: string, env?: Record<string, string>): Promise<MediaError> {
  const error = await transcodeLocally(source, outDir, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MediaError)) throw new Error(`expected a MediaError, got ${String(error)}`);
  // Customers read the message: no local paths, no ffmpeg output.
  expect(error.message).not.toMatch(/\/tmp|sf-|ffmpeg|ffprobe/);
  return error;
}

describe('inputs that are refused, each with its code (real ffmpeg)', () => {
  it.each(Object.keys(REFUSED_KINDS) as RefusedKind[])('%s', async (kind) => {
    const source = join(work, `${kind}.upload`);
    await REFUSED_KINDS[kind].make(source);
    const outDir = join(work, `${kind}-out`);
    const error = await refusal(source, outDir);
    expect(error.code).toBe(REFUSED_KINDS[kind].code);
    if (kind === 'huge-picture') {
      // Refused from the header: ffmpeg never started, so nothing was decoded.
      expect(await exists(outDir)).toBe(false);
      expect(error.message).toMatch(/8192x8192/);
    }
  });

  it('refuses a video longer than the configured limit, before transcoding', async () => {
    const source = join(work, 'long.mp4');
    await generateClip(source, { seconds: 3, width: 160, height: 90 });
    const outDir = join(work, 'long-out');
    const error = await refusal(source, outDir, { TRANSCODE_MAX_DURATION_SECONDS: '2' });
    expect(error.code).toBe('limits_exceeded');
    expect(await exists(outDir)).toBe(false);
  });
});

describe('uploads that try to make ffmpeg read other files or URLs', () => {
  let server: Server;
  let connections = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const traps: Record<string, (port: number) => string> = {
    'an HLS playlist pointing at a loopback URL': (p) =>
      `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://127.0.0.1:${p}/seg.ts\n#EXT-X-ENDLIST\n`,
    'an HLS playlist pointing at /etc/passwd': () =>
      '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n',
    'an ffconcat script pointing at a loopback URL': (p) =>
      `ffconcat version 1.0\nfile 'http://127.0.0.1:${p}/a.mp4'\nfile 'http://127.0.0.1:${p}/b.mp4'\n`,
    'an ffconcat script pointing at /etc/passwd': () => "ffconcat version 1.0\nfile '/etc/passwd'\n",
    'an HLS playlist with a loopback init segment': (p) =>
      `#EXTM3U\n#EXT-X-MAP:URI="http://127.0.0.1:${p}/init.mp4"\n#EXTINF:4,\nhttp://127.0.0.1:${p}/0.m4s\n`,
  };

  it.each(Object.keys(traps))('%s is unsupported_format and nothing is opened', async (name) => {
    const source = join(work, 'trap.mp4');
    await writeFile(source, traps[name](port));
    const error = await refusal(source, join(work, 'trap-out'));
    expect(error.code).toBe('unsupported_format');
    expect(connections).toBe(0);
  });

  it('ffprobe given a served source reaches no other HTTP server: any other URL ends at the source server', async () => {
    const source = join(work, 'fine.mp4');
    await generateClip(source, { seconds: 1, width: 160, height: 90 });
    const served = await serveSource(await localSource(source));
    try {
      // As if a demuxer had followed a URL named inside the file.
      const elsewhere = { ...served, url: `http://127.0.0.1:${port}/seg.ts` };
      const result = await runProcess('ffprobe', buildProbeArgs(elsewhere), {
        timeoutMs: 30_000,
        env: inputEnv(elsewhere),
      });
      expect(result.code).not.toBe(0);
      expect(connections).toBe(0);
      expect(served.refused).toBeGreaterThanOrEqual(1);
      expect(served.readEnd).toBe(0);
    } finally {
      await served.close();
    }
  });
});
