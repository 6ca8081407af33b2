import { XMLParser } from 'fast-xml-parser';
import { buildDashMpd } from './dash-mpd';
import { buildManifest } from './manifest';

const manifest = buildManifest({
  complete: true,
  segmentDuration: 4,
  video: [
    {
      id: '360p',
      init: '360p/init.mp4',
      format: { codecs: 'avc1.64001e', width: 640, height: 360 },
      segments: [
        { url: '360p/seg_00000.m4s', duration: 4, bytes: 1000 },
        { url: '360p/seg_00001.m4s', duration: 2.04, bytes: 500 },
      ],
    },
  ],
  audio: {
    id: 'audio',
    init: 'audio/init.mp4',
    format: { codecs: 'mp4a.40.2', channels: 2, sampleRate: 48000 },
    segments: [{ url: 'audio/seg_00000.m4s', duration: 6.04, bytes: 800 }],
  },
});

describe('buildDashMpd', () => {
  const mpd = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (n) => ['AdaptationSet', 'S', 'SegmentURL'].includes(n),
  }).parse(buildDashMpd(manifest)).MPD;

  it('is a static MPD lasting the video', () => {
    expect(mpd).toMatchObject({
      xmlns: 'urn:mpeg:dash:schema:mpd:2011',
      type: 'static',
      mediaPresentationDuration: 'PT6.040S',
    });
  });

  it('lists every segment of every representation with its duration, relative URLs only', () => {
    const [video, audio] = mpd.Period.AdaptationSet;
    expect(video.Representation).toMatchObject({
      id: '360p',
      codecs: 'avc1.64001e',
      width: '640',
      height: '360',
      bandwidth: String(manifest.renditions[0].bandwidth),
    });
    const list = video.Representation.SegmentList;
    expect(list.Initialization.sourceURL).toBe('360p/init.mp4');
    expect(list.SegmentTimeline.S).toEqual([{ t: '0', d: '4000' }, { d: '2040' }]);
    expect(list.SegmentURL.map((s: any) => s.media)).toEqual(['360p/seg_00000.m4s', '360p/seg_00001.m4s']);
    expect(audio).toMatchObject({ contentType: 'audio', lang: 'und' });
    expect(audio.Representation).toMatchObject({ codecs: 'mp4a.40.2', audioSamplingRate: '48000' });
  });
});
