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

it('a still-encoding video starts playing and continues as the manifest grows, to ended', async () => {
  const early = await transcodedVideo(
    h,
    'growing',
    { seconds: 20, width: 320, height: 180 },
    (v) => v.playable || v.status !== 'processing',
  );
  expect(early).toMatchObject({ status: 'processing', playable: true });
  const url = early.playback.manifest_url;
  const first = await (await fetch(url)).json();
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
  const later = await (await fetch(url)).json();
  expect(later.renditions[0].segments.length).toBeGreaterThan(first.renditions[0].segments.length);
  await player(page).evaluate((el: any) => (el.playbackRate = 2));
  await waitForEvent(page, 'ended', 120_000);
  const end = await player(page).evaluate((el: any) => ({ t: el.currentTime, d: el.duration, error: el.error }));
  const final = await (await fetch(url)).json();
  expect(final.complete).toBe(true);
  expect(end.error).toBeNull();
  expect(end.t).toBeCloseTo(final.duration, 0);
  await page.close();
}, 300_000);
