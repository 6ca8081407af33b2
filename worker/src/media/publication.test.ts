import { buildManifest } from './manifest';
import { describeOutputs } from './publication';

const manifest = (complete: boolean) =>
  buildManifest({
    complete,
    segmentDuration: 4,
    video: [
      {
        id: '180p',
        init: '180p/init.mp4',
        format: { codecs: 'avc1.64000d', width: 320, height: 180 },
        segments: [{ url: '180p/seg_00000.m4s', duration: 4, bytes: 50_000 }],
      },
    ],
    audio: {
      id: 'audio',
      init: 'audio/init.mp4',
      format: { codecs: 'mp4a.40.2', channels: 2 },
      segments: [{ url: 'audio/seg_00000.m4s', duration: 4, bytes: 32_000 }],
    },
  });

/**
 * The cache policy of the documents the worker rewrites as a video grows. (Segments, init files,
 * images and the final storyboard are immutable: test/e2e/published-outputs.test.ts reads them
 * back from storage after a real transcode.)
 */
describe('describeOutputs: cache policy and write order', () => {
  it('while encoding, every playlist and the manifest must be refetched (no-cache); there is no MPD yet', () => {
    const files = describeOutputs(manifest(false));
    expect(files.map((f) => [f.path, f.cacheControl, f.wave])).toEqual([
      ['180p/index.m3u8', 'no-cache', 0],
      ['audio/index.m3u8', 'no-cache', 0],
      ['master.m3u8', 'no-cache', 1],
      ['manifest.json', 'no-cache', 2],
    ]);
  });

  it('once complete, the final documents may be cached for a minute, the MPD included', () => {
    const files = describeOutputs(manifest(true));
    expect(files.map((f) => [f.path, f.cacheControl, f.wave])).toEqual([
      ['180p/index.m3u8', 'public, max-age=60', 0],
      ['audio/index.m3u8', 'public, max-age=60', 0],
      ['master.m3u8', 'public, max-age=60', 1],
      ['manifest.mpd', 'public, max-age=60', 1],
      ['manifest.json', 'public, max-age=60', 2],
    ]);
  });
});
