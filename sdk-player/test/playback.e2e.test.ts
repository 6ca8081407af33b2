import type { Page } from 'playwright-core';
import {
  mountPlayer,
  player,
  playerPage,
  startHarness,
  transcodedVideo,
  waitForEvent,
  type PlayerHarness,
} from './support/harness';

// One system and one browser for the file; media comes from our own transcoder: a 48 s clip in
// three small rungs with audio, served by the embedded S3 with CORS.
let h: PlayerHarness;
let video: any;
let manifest: any;

beforeAll(async () => {
  h = await startHarness({ TRANSCODE_LADDER: '90:300,180:700,360:1500' });
  video = await transcodedVideo(h, 'main', { seconds: 48, width: 640, height: 360 });
  manifest = await (await fetch(video.playback.manifest_url)).json();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

const pick = (r: any) => ({ id: r.id, width: r.width, height: r.height });

const state = (page: Page) =>
  player(page).evaluate((el: any) => ({
    currentTime: el.currentTime,
    paused: el.paused,
    ended: el.ended,
    readyState: el.readyState,
    videoWidth: el.videoWidth,
    duration: el.duration,
    buffered: Array.from({ length: el.buffered.length }, (_, i) => [el.buffered.start(i), el.buffered.end(i)]),
    frames: el.getVideoPlaybackQuality().totalVideoFrames,
    error: el.error,
  }));

describe('<sf-player> plays our outputs in Chromium', () => {
  it('plays: currentTime advances ≥ 0.5 s within 5 s of play(), frames are decoded, the picture starts at 0', async () => {
    const page = await playerPage(h);
    await mountPlayer(page, { src: video.playback.manifest_url, controls: true, muted: true });
    await page.waitForFunction(() => (document.querySelector('#player') as any).readyState >= 1, null, {
      timeout: 15_000,
    });
    const before = await state(page);
    expect(before.buffered[0][0]).toBeLessThan(0.01);
    await player(page).evaluate((el: any) => {
      (window as any).playAt = performance.now();
      return el.play();
    });
    const elapsed = await page.waitForFunction(
      () => {
        const el = document.querySelector('#player') as any;
        return el.currentTime >= 0.5 && performance.now() - (window as any).playAt;
      },
      null,
      { timeout: 5_000, polling: 50 },
    );
    expect(await elapsed.jsonValue()).toBeLessThan(5_000);
    const after = await state(page);
    expect(after.frames).toBeGreaterThan(5);
    expect(after.videoWidth).toBeGreaterThan(0);
    expect(after.duration).toBeCloseTo(manifest.duration, 0);
    await page.close();
  });

  it('seeks into an unbuffered range and resumes there; a seek 3 s from the end reaches ended', async () => {
    const page = await playerPage(h);
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true });
    await player(page).evaluate((el: any) => el.play());
    await page.waitForFunction(() => (document.querySelector('#player') as any).currentTime > 0.3);
    const ahead = await state(page);
    expect(ahead.buffered.some(([s, e]) => s <= 41 && 41 <= e)).toBe(false);

    await player(page).evaluate((el: any) => (el.currentTime = 41));
    await waitForEvent(page, 'seeked', 15_000);
    await page.waitForFunction(() => (document.querySelector('#player') as any).currentTime >= 41.5, null, {
      timeout: 10_000,
    });
    const resumed = await state(page);
    expect(resumed.paused).toBe(false);
    expect(resumed.buffered.some(([s, e]) => s <= 41.5 && 41.5 <= e)).toBe(true);

    await player(page).evaluate((el: any) => (el.currentTime = el.duration - 3));
    await waitForEvent(page, 'ended', 15_000);
    const end = await state(page);
    expect(end.ended).toBe(true);
    expect(end.currentTime).toBeGreaterThan(manifest.duration - 0.5);
    await page.close();
  });

  it('keeps the back-buffer bounded (~30 s) over a whole play at 8× speed', async () => {
    const page = await playerPage(h);
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true, 'max-resolution': '90' });
    await player(page).evaluate((el: any) => {
      const w = window as any;
      w.maxBack = 0;
      el.addEventListener('timeupdate', () => {
        const b = el.buffered;
        if (b.length) w.maxBack = Math.max(w.maxBack, el.currentTime - b.start(0));
      });
      el.playbackRate = 8;
      return el.play();
    });
    await waitForEvent(page, 'ended', 60_000);
    const end = await state(page);
    const maxBack = await page.evaluate(() => (window as any).maxBack);
    // Evicted in batches: never more than 30 s + a 5 s batch + one segment behind.
    expect(maxBack).toBeGreaterThan(20);
    expect(maxBack).toBeLessThanOrEqual(30 + 5 + manifest.segment_duration);
    expect(end.buffered[0][0]).toBeGreaterThan(4);
    await page.close();
  });
});

describe('adaptive bitrate (CDP throttling)', () => {
  it('switches down when throttled, up when not, and a manual choice sticks; videoWidth confirms each', async () => {
    const [low, , top] = manifest.renditions;
    const audio = manifest.audio.bandwidth;
    const page = await playerPage(h, { width: 800, height: 600 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // Room for the lowest rung (with audio and margin), not for the next one.
    const throttle = (((low.bandwidth + audio) / 0.8) * 1.1) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: throttle,
      uploadThroughput: throttle,
    });
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true });
    await player(page).evaluate((el: any) => el.play());
    await waitForEvent(page, 'qualitychange', 60_000, { auto: true, rendition: { index: 0, ...pick(low) } });
    await page.waitForFunction((w) => (document.querySelector('#player') as any).videoWidth === w, low.width, {
      timeout: 60_000,
    });

    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await player(page).evaluate((el: any) => (el.playbackRate = 4));
    await waitForEvent(page, 'qualitychange', 60_000, { auto: true, rendition: { index: 2, ...pick(top) } });
    await page.waitForFunction((w) => (document.querySelector('#player') as any).videoWidth === w, top.width, {
      timeout: 60_000,
    });

    // The viewer picks the lowest: it replaces what is buffered ahead and stays while bandwidth is plenty.
    await player(page).evaluate((el: any) => {
      el.playbackRate = 1;
      el.currentTime = 2;
      el.rendition = 0;
      return el.play();
    });
    await page.waitForFunction((w) => (document.querySelector('#player') as any).videoWidth === w, low.width, {
      timeout: 30_000,
    });
    const marker = await page.evaluate(() => (window as any).events.length);
    await page.waitForFunction(() => (document.querySelector('#player') as any).currentTime > 14, null, {
      timeout: 30_000,
    });
    const later = await page.evaluate((from) => (window as any).events.slice(from), marker);
    expect(later.filter((e: any) => e.type === 'qualitychange')).toEqual([]);
    expect(await player(page).evaluate((el: any) => [el.videoWidth, el.rendition, el.activeRendition.index])).toEqual([
      low.width,
      0,
      0,
    ]);
    expect(await player(page).evaluate((el: any) => el.shadowRoot.querySelector('[part=quality]').value)).toBe('0');
    await page.close();
  });
});
