import { loadConfig, publicObjectBase, type Video, videoView } from '@streamforge/core';

function video(overrides: Partial<Video>): Video {
  return {
    id: 'vid_1',
    accountId: 'acct_1',
    livemode: false,
    title: null,
    metadata: {},
    status: 'processing',
    sourceKey: 'acct_1/vid_1/source',
    outputPrefix: null,
    manifestKey: null,
    duration: null,
    width: null,
    height: null,
    renditions: [],
    uploadSessionId: null,
    processingAttempts: 1,
    outputVersion: 1,
    playable: false,
    progress: { stage: 'transcoding', percent: 12 },
    errorCode: null,
    errorMessage: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  } as Video;
}

const renditions = [
  { id: '720p', type: 'video' as const, width: 1280, height: 720, codecs: 'avc1.64001f', bandwidth: 3_000_000 },
];

describe('videoView playback', () => {
  const cdn = publicObjectBase(loadConfig({ NODE_ENV: 'test', CDN_URL: 'https://cdn.example.com/' }));

  it('builds every playback URL on CDN_URL when set', () => {
    const view = videoView(
      video({
        status: 'ready',
        outputPrefix: 'acct_1/vid_1/v2',
        manifestKey: 'acct_1/vid_1/v2/manifest.json',
        renditions,
        playable: true,
        progress: null,
      }),
      cdn,
    );
    expect(view.playable).toBe(true);
    expect(view.playback).toEqual({
      manifest_url: 'https://cdn.example.com/acct_1/vid_1/v2/manifest.json',
      hls_url: 'https://cdn.example.com/acct_1/vid_1/v2/master.m3u8',
      dash_url: 'https://cdn.example.com/acct_1/vid_1/v2/manifest.mpd',
      poster_url: 'https://cdn.example.com/acct_1/vid_1/v2/poster.jpg',
      storyboard_url: 'https://cdn.example.com/acct_1/vid_1/v2/storyboard.vtt',
      storyboard_image_url: 'https://cdn.example.com/acct_1/vid_1/v2/storyboard.jpg',
    });
  });

  it('while processing and playable: the growing manifest and HLS, renditions, progress; DASH and images later', () => {
    const view = videoView(
      video({
        outputPrefix: 'acct_1/vid_1/v1',
        manifestKey: 'acct_1/vid_1/v1/manifest.json',
        renditions,
        playable: true,
      }),
      cdn,
    );
    expect(view).toMatchObject({
      status: 'processing',
      playable: true,
      renditions,
      progress: { stage: 'transcoding', percent: 12 },
    });
    expect(view.playback).toMatchObject({
      hls_url: 'https://cdn.example.com/acct_1/vid_1/v1/master.m3u8',
      dash_url: null,
      poster_url: null,
    });
  });

  it('nothing to play before the first segments, nor after a failure', () => {
    expect(videoView(video({}), cdn)).toMatchObject({ playable: false, playback: null, renditions: [] });
    const failed = videoView(
      video({ status: 'failed', playable: true, outputPrefix: 'p', errorCode: 'corrupt_media', errorMessage: 'x' }),
      cdn,
    );
    expect(failed).toMatchObject({ playable: false, playback: null });
  });
});
