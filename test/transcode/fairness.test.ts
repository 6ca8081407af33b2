import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClip } from '../support/clips';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { settled, transcoding, uploadAndComplete, waitForVideo } from './system-helpers';

let sys: TestSystem;
let accountA: ReturnType<typeof client>;
let accountB: ReturnType<typeof client>;
let work: string;

beforeAll(async () => {
  sys = await startSystem({
    worker: true,
    // Two transcodes at a time on this host, one per account while the other account waits; the
    // slowest preset makes A's job long in proportion to B's, whatever the machine's speed.
    env: { WORKER_CONCURRENCY: '2', WORKER_ACCOUNT_CONCURRENCY: '1', TRANSCODE_PRESET: 'veryslow' },
  });
  accountA = client(sys.baseUrl, await sys.createKey('fair-a'));
  accountB = client(sys.baseUrl, await sys.createKey('fair-b'));
  work = await mkdtemp(join(tmpdir(), 'sf-fair-'));
});
afterAll(async () => {
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('fairness across accounts', () => {
  it("account A's long job and a second job of A do not hold back account B's short clip", async () => {
    const long = join(work, 'long.mp4');
    const short = join(work, 'short.mp4');
    await generateClip(long, { seconds: 40, width: 320, height: 180, audio: false });
    await generateClip(short, { seconds: 2, width: 160, height: 90, audio: false });

    const a1 = await uploadAndComplete(accountA, long);
    await waitForVideo(accountA, a1, transcoding);
    // A's second job arrives first and B's after it; A is at its share, so B's goes ahead.
    const a2 = await uploadAndComplete(accountA, long);
    const b = await uploadAndComplete(accountB, short);

    const video = await waitForVideo(accountB, b, settled);
    expect(video.status).toBe('ready');
    // B did not wait for A: both of A's videos are still being worked on.
    for (const id of [a1, a2]) expect((await accountA('GET', `/v1/videos/${id}`)).body.status).toBe('processing');
  }, 180_000);
});
