import { aacCodecString, avcCodecString, codecsOf } from './codecs';
import { loadProbeFixture } from './fixtures/load';

describe('codec strings', () => {
  it('describes a produced CMAF rendition for MSE: H.264 High 3.0 + AAC-LC', () => {
    expect(codecsOf(loadProbeFixture('cmaf-init-seg0'))).toBe('avc1.64001e,mp4a.40.2');
  });

  it('lists only the video codec for a silent rendition', () => {
    const probe = loadProbeFixture('cmaf-init-seg0');
    probe.streams = probe.streams!.filter((s) => s.codec_type === 'video');
    expect(codecsOf(probe)).toBe('avc1.64001e');
  });

  it.each([
    ['High', 31, 'avc1.64001f'],
    ['High', 40, 'avc1.640028'],
    ['Main', 30, 'avc1.4d401e'],
    ['Constrained Baseline', 13, 'avc1.42c00d'],
  ])('writes %s level %i as %s', (profile, level, expected) => {
    expect(avcCodecString({ codec_name: 'h264', profile, level })).toBe(expected);
  });

  it.each([
    ['LC', 'mp4a.40.2'],
    ['HE-AAC', 'mp4a.40.5'],
    ['HE-AACv2', 'mp4a.40.29'],
  ])('writes AAC %s as %s', (profile, expected) => {
    expect(aacCodecString({ codec_name: 'aac', profile })).toBe(expected);
  });

  it('refuses to guess: an unknown profile or a missing level is an error, not a wrong string', () => {
    expect(() => avcCodecString({ codec_name: 'h264', profile: 'High 4:4:4 Predictive', level: 30 })).toThrow();
    expect(() => avcCodecString({ codec_name: 'h264', profile: 'High', level: -99 })).toThrow();
    expect(() => avcCodecString({ codec_name: 'hevc', profile: 'Main', level: 93 })).toThrow();
    expect(() => aacCodecString({ codec_name: 'mp3' })).toThrow();
  });
});
