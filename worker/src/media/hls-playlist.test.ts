import { buildMasterPlaylist, buildMediaPlaylist, parseMediaPlaylist } from './hls-playlist';
import { buildManifest } from './manifest';

/** What ffmpeg 5.1's HLS muxer wrote for a 6 s clip with the arguments of buildCmafArgs. */
const FFMPEG_PLAYLIST = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-TARGETDURATION:4
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-MAP:URI="init.mp4"
#EXTINF:4.000000,
seg_00000.m4s
#EXTINF:2.016000,
seg_00001.m4s
#EXT-X-ENDLIST
`;

describe('parseMediaPlaylist', () => {
  it('reads the init file and each segment with its #EXTINF duration', () => {
    expect(parseMediaPlaylist(FFMPEG_PLAYLIST)).toEqual({
      initUri: 'init.mp4',
      segments: [
        { uri: 'seg_00000.m4s', duration: 4 },
        { uri: 'seg_00001.m4s', duration: 2.016 },
      ],
      ended: true,
    });
  });

  it('accepts CRLF line endings and titles after the duration', () => {
    const text = '#EXTM3U\r\n#EXTINF:3.5,Intro\r\na.m4s\r\n';
    expect(parseMediaPlaylist(text)).toEqual({
      initUri: null,
      segments: [{ uri: 'a.m4s', duration: 3.5 }],
      ended: false,
    });
  });

  it.each([
    ['not a playlist', 'hello'],
    ['a segment without #EXTINF', '#EXTM3U\nseg.m4s\n'],
    ['a non-numeric duration', '#EXTM3U\n#EXTINF:abc,\nseg.m4s\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parseMediaPlaylist(text)).toThrow();
  });
});

describe('buildMasterPlaylist and buildMediaPlaylist', () => {
  const manifest = buildManifest({
    complete: false,
    segmentDuration: 4,
    video: ['180p', '360p'].map((id, i) => ({
      id,
      init: `${id}/init.mp4`,
      format: { codecs: 'avc1.64001e', width: 320 * (i + 1), height: 180 * (i + 1) },
      segments: [{ url: `${id}/seg_00000.m4s`, duration: 4, bytes: 100_000 * (i + 1) }],
    })),
    audio: {
      id: 'audio',
      init: 'audio/init.mp4',
      format: { codecs: 'mp4a.40.2', channels: 2 },
      segments: [{ url: 'audio/seg_00000.m4s', duration: 4, bytes: 64_000 }],
    },
  });

  it('lists each rung with peak and average bandwidth including audio, resolution and exact codecs', () => {
    expect(buildMasterPlaylist(manifest)).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Default",LANGUAGE="und",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/index.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=328000,AVERAGE-BANDWIDTH=328000,RESOLUTION=320x180,CODECS="avc1.64001e,mp4a.40.2",AUDIO="audio"',
        '180p/index.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=528000,AVERAGE-BANDWIDTH=528000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",AUDIO="audio"',
        '360p/index.m3u8',
        '',
      ].join('\n'),
    );
  });

  it('has no audio group for video-only output', () => {
    const master = buildMasterPlaylist({ ...manifest, audio: null });
    expect(master).not.toContain('AUDIO');
    expect(master).toContain('CODECS="avc1.64001e"');
  });

  it('grows as an EVENT playlist and ends as VOD with ENDLIST; URIs relative to the playlist', () => {
    const growing = buildMediaPlaylist(manifest.renditions[0], false, 4);
    expect(growing).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(growing).not.toContain('#EXT-X-ENDLIST');
    expect(growing).toContain('#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4.000000,\nseg_00000.m4s\n');
    const done = buildMediaPlaylist(manifest.renditions[0], true, 4);
    expect(done).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(done.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    // What we write, we can read back.
    expect(parseMediaPlaylist(done)).toEqual({
      initUri: 'init.mp4',
      segments: [{ uri: 'seg_00000.m4s', duration: 4 }],
      ended: true,
    });
  });
});
