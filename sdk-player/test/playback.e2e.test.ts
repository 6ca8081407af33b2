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

describe('faults (page.route): never a silent hang', () => {
  const cors = { 'access-control-allow-origin': '*' };

  it('a 404, a 500 and a truncated segment are retried and playback goes on', async () => {
    const page = await playerPage(h);
    const hits = new Map<string, number>();
    await page.route(
      (url) => /seg_0000[012]\.m4s$/.test(url.pathname),
      async (route) => {
        const url = route.request().url();
        const n = (hits.get(url) ?? 0) + 1;
        hits.set(url, n);
        if (n > 1) return route.continue();
        if (url.endsWith('seg_00000.m4s')) return route.fulfill({ status: 404, headers: cors, body: 'gone' });
        if (url.endsWith('seg_00001.m4s')) return route.fulfill({ status: 500, headers: cors, body: 'oops' });
        const response = await route.fetch();
        const body = await response.body();
        return route.fulfill({ response, body: body.subarray(0, body.length >> 1) });
      },
    );
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true, 'max-resolution': '90' });
    await player(page).evaluate((el: any) => el.play());
    await page.waitForFunction(() => (document.querySelector('#player') as any).currentTime > 9, null, {
      timeout: 30_000,
    });
    const failedOnce = [...hits]
      .filter(([, n]) => n >= 2)
      .map(([url]) => url.replace(/^.*\/(\w+\/seg_\d+\.m4s)$/, '$1'));
    expect(failedOnce).toEqual(
      expect.arrayContaining(['audio/seg_00000.m4s', 'audio/seg_00001.m4s', 'audio/seg_00002.m4s']),
    );
    expect(failedOnce.filter((u) => !u.startsWith('audio/')).length).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => (window as any).events.filter((e: any) => e.type === 'error'))).toEqual([]);
    await page.close();
  });

  it('a segment that keeps failing ends in an error event with a code', async () => {
    const page = await playerPage(h);
    let attempts = 0;
    await page.route(
      (url) => url.pathname.endsWith('/audio/seg_00002.m4s'),
      (route) => (attempts++, route.fulfill({ status: 500, headers: cors, body: 'down' })),
    );
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true, 'max-resolution': '90' });
    await player(page).evaluate((el: any) => el.play());
    const error: any = await waitForEvent(page, 'error', 30_000);
    expect(error.detail).toMatchObject({ code: 'SEGMENT_LOAD_FAILED', message: expect.stringContaining('HTTP 500') });
    expect(await player(page).evaluate((el: any) => el.error?.code)).toBe('SEGMENT_LOAD_FAILED');
    expect(attempts).toBe(4); // the first try and three retries with backoff
    await page.close();
  });

  it('a manifest that cannot be loaded is an error event with a code', async () => {
    const page = await playerPage(h);
    await mountPlayer(page, { src: video.playback.manifest_url.replace('manifest.json', 'missing.json') });
    const error: any = await waitForEvent(page, 'error', 15_000);
    expect(error.detail.code).toBe('MANIFEST_LOAD_FAILED');
    await page.close();
  });
});

describe('controls', () => {
  const el = (page: Page) => player(page);
  /** Waits for a state of the player; one that never comes fails with what the player was doing. */
  const waitFor = async (page: Page, fn: string, arg?: unknown) => {
    try {
      await page.waitForFunction(
        new Function('arg', `const el = document.querySelector('#player'); return ${fn};`) as any,
        arg,
        { timeout: 60_000, polling: 100 },
      );
    } catch (error) {
      const state = await page
        .evaluate(() => {
          const p = document.querySelector('#player') as any;
          const { paused, readyState, currentTime, muted, volume, seeking, error } = p ?? {};
          return { paused, readyState, currentTime, muted, volume, seeking, error, events: (window as any).events };
        })
        .catch((reason: Error) => `page gone: ${reason.message}`);
      throw new Error(
        `waiting for ${fn} (${JSON.stringify(arg)}): ${(error as Error).message}\n${JSON.stringify(state)}`,
        { cause: error },
      );
    }
  };

  it('buttons and keys work, and keys only while the player has focus', async () => {
    const page = await playerPage(h);
    await mountPlayer(page, { src: video.playback.manifest_url, controls: true, muted: true, 'max-resolution': '90' });
    await waitFor(page, 'el.readyState >= 1');
    const playButton = page.locator('#player [part=play-button]');
    await expect(playButton.getAttribute('aria-label')).resolves.toBe('Play');
    await playButton.click();
    await waitFor(page, '!el.paused');
    // The button follows the media element's play event, which comes a task after `paused` changes.
    await waitFor(page, "el.shadowRoot.querySelector('[part=play-button]').getAttribute('aria-label') === 'Pause'");
    await playButton.click();
    await waitFor(page, 'el.paused');

    await el(page).focus();
    await page.keyboard.press('k');
    await waitFor(page, '!el.paused');
    await page.keyboard.press(' ');
    await waitFor(page, 'el.paused');
    await page.keyboard.press('m');
    await waitFor(page, '!el.muted');
    await page.keyboard.press('m');
    await waitFor(page, 'el.muted');

    await el(page).evaluate((p: any) => (p.currentTime = 10));
    await waitFor(page, '!el.seeking && Math.abs(el.currentTime - 10) < 0.1');
    const keyMoves: Array<[string, number]> = [
      ['ArrowRight', 15],
      ['j', 5],
      ['l', 15],
      ['ArrowLeft', 10],
      ['5', manifest.duration / 2],
      ['0', 0],
    ];
    for (const [key, to] of keyMoves) {
      await page.keyboard.press(key);
      await waitFor(page, 'Math.abs(el.currentTime - arg) < 0.2', to);
    }
    await el(page).evaluate((p: any) => (p.volume = 0.5));
    await page.keyboard.press('ArrowUp');
    await waitFor(page, 'Math.abs(el.volume - 0.6) < 0.001');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await waitFor(page, 'Math.abs(el.volume - 0.4) < 0.001');

    // Focus elsewhere: the page's keys are not the player's.
    await page.locator('#outside').focus();
    await page.keyboard.press('k');
    await page.keyboard.press('m');
    expect(await el(page).evaluate((p: any) => [p.paused, p.muted])).toEqual([true, true]);

    // Playing and left alone, the controls hide; a pointer move brings them back.
    await el(page).evaluate((p: any) => p.play());
    await waitFor(page, "el.hasAttribute('user-inactive')");
    await waitFor(page, "getComputedStyle(el.shadowRoot.querySelector('[part=controls]')).opacity === '0'");
    await page.mouse.move(50, 50);
    await page.mouse.move(200, 200);
    await waitFor(page, "!el.hasAttribute('user-inactive')");
    await el(page).evaluate((p: any) => p.pause());

    await page.locator('#player [part=mute-button]').click();
    await waitFor(page, '!el.muted');
    await page.locator('#player [part=speed]').selectOption('1.5');
    await waitFor(page, 'el.playbackRate === 1.5');
    const quality = page.locator('#player [part=quality]');
    expect(await quality.locator('option').allTextContents()).toEqual(['Auto (90p)', '90p', '180p', '360p']);
    await quality.selectOption('1');
    await waitFor(page, 'el.rendition === 1 && el.activeRendition.height === 180');

    await el(page).focus();
    await page.keyboard.press('f');
    await waitFor(page, 'document.fullscreenElement === el');
    await page.locator('#player [part=fullscreen-button]').click();
    await waitFor(page, 'document.fullscreenElement === null');
    await page.locator('#player [part=pip-button]').click();
    await waitFor(page, "el.shadowRoot.pictureInPictureElement === el.shadowRoot.querySelector('video')");
    await page.locator('#player [part=pip-button]').click();
    await waitFor(page, 'document.pictureInPictureElement === null');
    await page.close();
  });

  it('hovering the seek bar shows the storyboard tile for that time, also when the storyboard arrives during the hover', async () => {
    const { parseStoryboardVtt, tileAt } = await import('../src/element/storyboard');
    const vttUrl = video.playback.storyboard_url;
    const tiles = parseStoryboardVtt(await (await fetch(vttUrl)).text(), vttUrl);
    expect(tiles.length).toBeGreaterThan(3);
    const page = await playerPage(h);
    // The storyboard is held back until the pointer is over the seek bar: the tile must then show
    // without another pointer move.
    let hovered!: () => void;
    const hovering = new Promise<void>((resolve) => (hovered = resolve));
    await page.route(vttUrl, async (route) => {
      await hovering;
      await route.continue();
    });
    await mountPlayer(page, { src: video.playback.manifest_url, controls: true, muted: true });
    await waitFor(page, 'el.duration > 0');
    const seek = page.locator('#player [part=seek-bar]');
    const thumb = page.locator('#player [part=thumbnail]');
    const box = (await seek.boundingBox())!;
    for (const fraction of [0.25, 0.8]) {
      await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
      if (fraction === 0.25) {
        expect(await thumb.isVisible()).toBe(false); // no storyboard yet
        hovered();
      }
      await thumb.waitFor({ state: 'visible' });
      const shown = await thumb.evaluate((t: HTMLElement) => ({
        time: Number(t.dataset.time),
        image: t.style.backgroundImage,
        position: t.style.backgroundPosition,
        size: [t.style.width, t.style.height],
      }));
      expect(shown.time).toBeCloseTo(fraction * manifest.duration, 0);
      const tile = tileAt(tiles, shown.time)!;
      expect(shown).toEqual({
        time: shown.time,
        image: `url("${tile.url}")`,
        position: `${-tile.x}px ${-tile.y}px`,
        size: [`${tile.w}px`, `${tile.h}px`],
      });
    }
    const sprite = await page.evaluate(async (url) => (await fetch(url)).status, tiles[0].url);
    expect(sprite).toBe(200);
    await page.mouse.move(box.x + box.width / 2, box.y - 200);
    await thumb.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('accessibility: axe finds nothing; every control has a role and a name; the seek bar speaks its time', async () => {
    const page = await playerPage(h);
    await page.addScriptTag({ url: `${h.site}/vendor/axe.js` });
    await mountPlayer(page, { src: video.playback.manifest_url, controls: true, muted: true });
    await waitForEvent(page, 'renditions');
    await el(page).evaluate((p: any) => (p.currentTime = 65 / 2));
    await waitFor(page, '!el.seeking');
    const results = await page.evaluate(() =>
      (window as any).axe.run('#player', {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        rules: { 'color-contrast': { enabled: false } },
      }),
    );
    expect(results.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target).join(' ')}`)).toEqual([]);
    expect(results.passes.map((p: any) => p.id)).toEqual(
      expect.arrayContaining(['button-name', 'select-name', 'aria-input-field-name']),
    );
    const tree = await el(page).ariaSnapshot();
    for (const line of [
      'slider "Seek"',
      'button "Play"',
      'button "Unmute"', // muted attribute
      'slider "Volume"',
      'combobox "Playback speed"',
      'combobox "Quality"',
      'button "Picture in picture"',
      'button "Fullscreen"',
    ]) {
      expect(tree).toContain(line);
    }
    const seek = page.locator('#player [part=seek-bar]');
    expect(await seek.getAttribute('aria-valuetext')).toMatch(/^0:32 of 0:4[78]$/);
    await page.close();
  });
});

describe('our HLS and DASH play in the players customers already use', () => {
  it('hls.js plays hls_url from 0, without jumping a hole', async () => {
    const page = await playerPage(h);
    await page.addScriptTag({ url: `${h.site}/vendor/hls.js` });
    await page.evaluate((url) => {
      const w = window as any;
      const v = document.createElement('video');
      v.id = 'v';
      v.muted = true;
      document.body.append(v);
      w.issues = [];
      const hls = new w.Hls();
      hls.on(w.Hls.Events.ERROR, (_: unknown, d: any) => w.issues.push(`${d.fatal ? 'fatal ' : ''}${d.details}`));
      hls.loadSource(url);
      hls.attachMedia(v);
      void v.play();
    }, video.playback.hls_url);
    await expectPlayedFromZero(page);
  });

  it('dash.js plays dash_url from 0, without a gap to jump', async () => {
    const page = await playerPage(h);
    await page.addScriptTag({ url: `${h.site}/vendor/dash.js` });
    await page.evaluate((url) => {
      const w = window as any;
      const v = document.createElement('video');
      v.id = 'v';
      v.muted = true;
      document.body.append(v);
      w.issues = [];
      const player = w.dashjs.MediaPlayer().create();
      const events = w.dashjs.MediaPlayer.events;
      player.on(events.ERROR, (e: any) => w.issues.push(`error ${e.error?.code ?? ''} ${e.error?.message ?? ''}`));
      if (events.GAP_CAUGHT) player.on(events.GAP_CAUGHT, () => w.issues.push('gap caught'));
      player.initialize(v, url, true);
    }, video.playback.dash_url);
    await expectPlayedFromZero(page);
  });
});

describe('where MSE is missing', () => {
  const playsFor = async (page: Page, seconds: number) =>
    page.waitForFunction((s) => (document.querySelector('#player') as any).currentTime >= s, seconds, {
      timeout: 20_000,
    });

  it('uses ManagedMediaSource when only it exists (iOS 17+ Safari), with remote playback off', async () => {
    const page = await h.browser.newPage();
    await page.addInitScript(() => {
      const w = window as any;
      w.ManagedMediaSource = w.MediaSource;
      delete w.MediaSource;
    });
    await page.goto(h.site);
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true });
    await player(page).evaluate((el: any) => el.play());
    await playsFor(page, 1);
    expect(
      await player(page).evaluate((el: any) => [el.media.src.startsWith('blob:'), el.media.disableRemotePlayback]),
    ).toEqual([true, true]);
    await page.close();
  });

  it('falls back to native HLS (hls_url) without MediaSource, and on prefer-playback="native"', async () => {
    const page = await h.browser.newPage();
    await page.addInitScript(() => delete (window as any).MediaSource);
    await page.goto(h.site);
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true });
    await player(page).evaluate((el: any) => el.play());
    await playsFor(page, 1);
    expect(await player(page).evaluate((el: any) => el.media.src)).toBe(video.playback.hls_url);
    await page.close();

    const preferring = await playerPage(h);
    await mountPlayer(preferring, { src: video.playback.manifest_url, muted: true, 'prefer-playback': 'native' });
    await player(preferring).evaluate((el: any) => el.play());
    await playsFor(preferring, 1);
    expect(await player(preferring).evaluate((el: any) => [el.media.src, el.preferPlayback])).toEqual([
      video.playback.hls_url,
      'native',
    ]);
    await preferring.close();
  });
});

describe('element API', () => {
  it('reflects attributes to properties and back, and mirrors the media element', async () => {
    const page = await playerPage(h);
    await mountPlayer(page, {
      src: video.playback.manifest_url,
      muted: true,
      'start-time': '10',
      'max-resolution': '180p',
    });
    await page.waitForFunction(() => (document.querySelector('#player') as any).readyState >= 2, null, {
      timeout: 15_000,
    });
    const seen = await player(page).evaluate((el: any) => {
      const before = {
        src: el.src,
        startTime: el.startTime,
        maxResolution: el.maxResolution,
        muted: el.muted,
        controls: el.controls,
        currentTime: Math.round(el.currentTime),
        duration: Math.round(el.duration),
        paused: el.paused,
        renditions: el.renditions.map((r: any) => r.height),
      };
      el.controls = true;
      el.loop = true;
      el.autoplay = true;
      el.poster = 'p.jpg';
      el.maxResolution = 360;
      el.playbackRate = 1.5;
      el.volume = 0.25;
      return {
        before,
        attrs: ['controls', 'loop', 'autoplay', 'poster', 'max-resolution'].map((a) => el.getAttribute(a)),
        media: [
          el.media.loop,
          el.media.autoplay,
          el.media.poster.endsWith('/p.jpg'),
          el.media.playbackRate,
          el.media.volume,
        ],
      };
    });
    expect(seen).toEqual({
      before: {
        src: video.playback.manifest_url,
        startTime: 10,
        maxResolution: 180,
        muted: true,
        controls: false,
        currentTime: 10,
        duration: Math.round(manifest.duration),
        paused: true,
        renditions: [90, 180, 360],
      },
      attrs: ['', '', '', 'p.jpg', '360'],
      media: [true, true, true, 1.5, 0.25],
    });
    // max-resolution 180p capped Auto's first pick.
    const first: any = await waitForEvent(page, 'qualitychange', 5_000);
    expect(first.detail.rendition.height).toBeLessThanOrEqual(180);
    await page.close();
  });
});

describe('QuotaExceededError (appendBuffer refused by the page)', () => {
  /** From the `from`-th append on, the next `count` appends throw QuotaExceededError. */
  const refuseAppends = (page: Page, from: number, count: number) =>
    page.addInitScript(
      ([first, n]) => {
        const w = window as any;
        const append = SourceBuffer.prototype.appendBuffer;
        let calls = 0;
        w.refused = 0;
        SourceBuffer.prototype.appendBuffer = function (data: BufferSource) {
          calls++;
          if (calls >= first && calls < first + n) {
            w.refused++;
            throw new DOMException('The SourceBuffer is full', 'QuotaExceededError');
          }
          return append.call(this, data);
        };
      },
      [from, count],
    );

  it('evicts, shrinks the goal and retries, and playback goes on', async () => {
    const page = await h.browser.newPage();
    await refuseAppends(page, 8, 2);
    await page.goto(h.site);
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true, 'max-resolution': '90' });
    await player(page).evaluate((el: any) => el.play());
    await page.waitForFunction(() => (document.querySelector('#player') as any).currentTime > 12, null, {
      timeout: 30_000,
    });
    expect(await page.evaluate(() => (window as any).refused)).toBe(2);
    expect(await page.evaluate(() => (window as any).events.filter((e: any) => e.type === 'error'))).toEqual([]);
    await page.close();
  });

  it('a browser that keeps refusing ends in an error event QUOTA_EXCEEDED', async () => {
    const page = await h.browser.newPage();
    await refuseAppends(page, 5, 1_000);
    await page.goto(h.site);
    await mountPlayer(page, { src: video.playback.manifest_url, muted: true, 'max-resolution': '90' });
    await player(page).evaluate((el: any) => el.play());
    const error: any = await waitForEvent(page, 'error', 30_000);
    expect(error.detail.code).toBe('QUOTA_EXCEEDED');
    await page.close();
  });
});

/**
 * The third-party player in `#v` on `page` (its problems collected in `window.issues`) has played
 * 2 s: buffered from 0, with a picture and frames, and no issue. Closes the page.
 */
async function expectPlayedFromZero(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('#v') as HTMLVideoElement).currentTime >= 2, null, {
    timeout: 30_000,
  });
  const result = await page.evaluate(() => {
    const v = document.querySelector('#v') as HTMLVideoElement;
    return {
      start: v.buffered.start(0),
      height: v.videoHeight,
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
      issues: (window as any).issues,
    };
  });
  expect(result.issues).toEqual([]);
  expect(result.start).toBeLessThan(0.01);
  expect(result.height).toBeGreaterThan(0);
  expect(result.frames).toBeGreaterThan(10);
  await page.close();
}
