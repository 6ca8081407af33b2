import {
  mountPlayer,
  player,
  playerPage,
  startHarness,
  transcodedVideo,
  waitForEvent,
  type PlayerHarness,
} from './support/harness';

// A slow preset keeps the encode going well after the first segments are published.
let h: PlayerHarness;

beforeAll(async () => {
  h = await startHarness({ TRANSCODE_PRESET: 'veryslow', TRANSCODE_LADDER: '90:300,180:600' });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** manifest.json as a player reads it; a refusal is reported with the store's own words. */
async function readManifest(url: string) {
  const answer = await fetch(url);
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`GET manifest.json: HTTP ${answer.status}: ${text}`);
  return JSON.parse(text);
}

it('a still-encoding video starts playing and continues as the manifest grows, to ended', async () => {
  const early = await transcodedVideo(
    h,
    'growing',
    { seconds: 20, width: 320, height: 180 },
    (v) => v.playable || v.status !== 'processing',
  );
  expect(early).toMatchObject({ status: 'processing', playable: true });
  const url = early.playback.manifest_url;
  const first = await readManifest(url);
  expect(first.complete).toBe(false);
  expect(first.duration).toBeLessThan(20);

  const page = await playerPage(h);
  await mountPlayer(page, { src: url, muted: true });
  await player(page).evaluate((el: any) => el.play());
  await page.waitForFunction(() => (document.querySelector('#player') as any).currentTime >= 0.5, null, {
    timeout: 15_000,
  });
  // Playing past what the first manifest listed means the player re-read it and appended the new segments.
  await page.waitForFunction((d) => (document.querySelector('#player') as any).currentTime > d + 1, first.duration, {
    timeout: 120_000,
    polling: 250,
  });
  // Each rendition lists what its own playlist held when the manifest was written, so one may be a
  // segment behind the other at the moment it is read (seen once in a full run): the growth is
  // checked on the manifest as a whole.
  // A busy CI run once read a manifest here that listed no more than the first, though the player
  // was already past it: the test waits for the grown manifest (a state) rather than reading once.
  const listed = (m: { renditions: { segments: unknown[] }[] }) =>
    Math.max(...m.renditions.map((r) => r.segments.length));
  let later = await readManifest(url);
  while (listed(later) <= listed(first) || later.duration <= first.duration) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    later = await readManifest(url);
  }
  expect(listed(later)).toBeGreaterThan(listed(first));
  expect(later.duration).toBeGreaterThan(first.duration);
  await player(page).evaluate((el: any) => (el.playbackRate = 2));
  await waitForEvent(page, 'ended', 120_000);
  const end = await player(page).evaluate((el: any) => ({ t: el.currentTime, d: el.duration, error: el.error }));
  const final = await readManifest(url);
  expect(final.complete).toBe(true);
  expect(end.error).toBeNull();
  expect(end.t).toBeCloseTo(final.duration, 0);
  await page.close();
}, 300_000);
