import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClip } from '../support/clips';
import { EncoderGate } from '../support/encoder-gate';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { settled, uploadAndComplete, waitForVideo } from './system-helpers';

let sys: TestSystem;
let api: ReturnType<typeof client>;
let work: string;

beforeAll(async () => {
  // No stall watchdog within the test's reach: only the deletion may stop the held encoder.
  sys = await startSystem({
    worker: true,
    env: { TRANSCODE_PRESET: 'veryslow', TRANSCODE_LADDER: '90:300,180:600', TRANSCODE_STALL_SECONDS: '3600' },
  });
  api = client(sys.baseUrl, await sys.createKey('deletion'));
  work = await mkdtemp(join(tmpdir(), 'sf-deletion-'));
});
afterAll(async () => {
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('deleting a video that is transcoding', () => {
  it('stops its encoder at once, though the encoder is held and so writes no progress and no segment', async () => {
    const clip = join(work, 'clip.mp4');
    await generateClip(clip, { seconds: 10, width: 320, height: 180 });
    const id = await uploadAndComplete(api, clip);
    // The worker runs in this process, so its ffmpeg is our child; held, it produces nothing the
    // worker would check the video on, so only the api's announcement can reach the run.
    const encoder = await EncoderGate.catch(process.pid);
    expect((await api('DELETE', `/v1/videos/${id}`)).status).toBe(200);
    await encoder.ended();
    expect((await api('GET', `/v1/videos/${id}`)).status).toBe(404);

    // The worker is free for the account's next video, which goes all the way to ready.
    const next = await uploadAndComplete(api, clip);
    expect(await waitForVideo(api, next, settled)).toMatchObject({ status: 'ready' });
  }, 300_000); // a ceiling above the steps' own deadlines, not a wait: each step goes on at its awaited state
});
