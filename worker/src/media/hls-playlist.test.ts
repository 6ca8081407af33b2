import { parseMediaPlaylist } from './hls-playlist';

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
    });
  });

  it('accepts CRLF line endings and titles after the duration', () => {
    const text = '#EXTM3U\r\n#EXTINF:3.5,Intro\r\na.m4s\r\n';
    expect(parseMediaPlaylist(text)).toEqual({ initUri: null, segments: [{ uri: 'a.m4s', duration: 3.5 }] });
  });

  it.each([
    ['not a playlist', 'hello'],
    ['a segment without #EXTINF', '#EXTM3U\nseg.m4s\n'],
    ['a non-numeric duration', '#EXTM3U\n#EXTINF:abc,\nseg.m4s\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parseMediaPlaylist(text)).toThrow();
  });
});
