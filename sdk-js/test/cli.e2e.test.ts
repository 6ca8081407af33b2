import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClip } from '../../test/support/clips';
import { startSystem, type TestSystem } from '../../test/support/system';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { writeRandomFile } from './support/files';

const MiB = 1024 * 1024;
const CLI = join(__dirname, '../dist/cli/index.js');

let sys: TestSystem;
let proxy: FaultProxy;
let work: string;
let key: string;
/** Lets a test interrupt the CLI at a chosen point of the upload. */
let onPutBytes: (total: number) => void = () => {};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-sdk-cli-'));
  proxy = await startFaultProxy({ onPutBytes: (total) => onPutBytes(total) });
  sys = await startSystem({
    worker: true,
    env: {
      UPLOAD_MULTIPART_THRESHOLD: String(5 * MiB),
      UPLOAD_PART_SIZE: String(5 * MiB),
      S3_PUBLIC_ENDPOINT: proxy.url,
    },
  });
  proxy.setTarget(sys.s3.endpoint);
  key = await sys.createKey('cli');
});

afterAll(async () => {
  await sys?.close();
  await proxy?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
  whileRunning?: (child: ReturnType<typeof spawn>) => void,
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        STREAMFORGE_API_KEY: key,
        STREAMFORGE_BASE_URL: sys.baseUrl,
        STREAMFORGE_STATE_DIR: join(work, 'state'),
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    whileRunning?.(child);
    // 'close', not 'exit': output may still be in the pipes when the process has exited.
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('upload --wait prints the playback URLs; videos get and list show the video', async () => {
  const clip = join(work, 'clip.mp4');
  await generateClip(clip, { seconds: 2 });
  const upload = await cli(['upload', clip, '--title', 'From the CLI', '--wait']);
  expect(upload.stderr).toContain('Waiting for video');
  expect(upload.code).toBe(0);
  const videoId = upload.stdout.match(/(vid_\w+)\s+ready/)![1];
  expect(upload.stdout).toMatch(/manifest_url: http/);

  const get = await cli(['videos', 'get', videoId, '--json']);
  expect(JSON.parse(get.stdout)).toMatchObject({ id: videoId, status: 'ready', title: 'From the CLI' });
  const list = await cli(['videos', 'list']);
  expect(list.stdout).toContain(videoId);
});

test('Ctrl-C pauses cleanly and running the command again resumes', async () => {
  const path = join(work, 'big.bin');
  await writeRandomFile(path, 26 * MiB, 31);
  const before = proxy.totalPutBytes();
  const first = await cli(['upload', path, '--concurrency', '1'], {}, (child) => {
    // Interrupt once the second part is on its way: the first is recorded by then.
    onPutBytes = (total) => total - before > 6 * MiB && (child.kill('SIGINT'), (onPutBytes = () => {}));
  });
  expect(first.code).toBe(130);
  expect(first.stderr).toMatch(/Paused\. Run the same command again to resume \(upload upl_\w+\)/);

  const second = await cli(['upload', path, '--json']);
  expect(second.code).toBe(0);
  expect(second.stderr).toMatch(/Resuming: [1-5] of 6 parts already uploaded/);
  expect(JSON.parse(second.stdout)).toMatchObject({ video_id: expect.stringMatching(/^vid_/) });
});

test('failures get one clear line each', async () => {
  const noKey = await cli(['videos', 'list'], { STREAMFORGE_API_KEY: '' });
  expect(noKey.code).toBe(1);
  expect(noKey.stderr).toMatch(/Set STREAMFORGE_API_KEY/);

  const badKey = await cli(['videos', 'list'], { STREAMFORGE_API_KEY: 'sf_test_notakey' });
  expect(badKey.stderr).toMatch(/refused the key.*Check STREAMFORGE_API_KEY/);

  const missing = await cli(['upload', join(work, 'nope.mp4')]);
  expect(missing.stderr).toMatch(/No such file: .*nope\.mp4/);

  const down = await cli(['videos', 'list'], { STREAMFORGE_BASE_URL: 'http://127.0.0.1:9' });
  expect(down.stderr).toMatch(/Could not reach the StreamForge API at http:\/\/127\.0\.0\.1:9/);

  const notFound = await cli(['videos', 'get', 'vid_doesnotexist']);
  expect(notFound.stderr).toMatch(/^streamforge: Not found/);
});
