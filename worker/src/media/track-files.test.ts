import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trackFormatOf } from './track-files';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('trackFormatOf: the format an fMP4 init segment declares', () => {
  it('a video rung: the avc1 string from avcC (High, level 3.0) and the sample entry size', () => {
    expect(trackFormatOf(fixture('init-video-640x360.mp4'), '360p')).toEqual({
      codecs: 'avc1.64001e',
      width: 640,
      height: 360,
    });
  });

  it('the audio track: AAC-LC from esds, channels and sample rate', () => {
    expect(trackFormatOf(fixture('init-audio-stereo-48k.mp4'), 'audio')).toEqual({
      codecs: 'mp4a.40.2',
      channels: 2,
      sampleRate: 48000,
    });
  });

  it('refuses an init segment that is not one track, and bytes that are no init segment, as our fault', () => {
    expect(() => trackFormatOf(fixture('init-muxed-av.mp4'), '180p')).toThrow(/exactly one track/);
    const cut = fixture('init-video-640x360.mp4').subarray(0, 400);
    expect(() => trackFormatOf(cut, '360p')).toThrow(/Track 360p: the init segment has no readable moov/);
    expect(() => trackFormatOf(Buffer.from('not an mp4 at all'), '360p')).toThrow(/Track 360p/);
  });
});
