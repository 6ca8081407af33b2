import type { Manifest, ManifestAudio, ManifestRendition } from './manifest';

/** Milliseconds: segment times are measured to the microsecond, players need far less. */
const TIMESCALE = 1000;

/**
 * Pure: a static DASH MPD over the same CMAF segments as HLS and manifest.json. Segments are
 * listed one by one (SegmentList + SegmentTimeline), so nothing depends on file-name templates.
 */
export function buildDashMpd(manifest: Manifest): string {
  const sets = [
    adaptationSet(
      0,
      'video',
      manifest.renditions.map((r) => representation(r, `width="${r.width}" height="${r.height}" sar="1:1"`)),
    ),
  ];
  if (manifest.audio) {
    const a = manifest.audio;
    sets.push(
      adaptationSet(
        1,
        'audio',
        [
          representation(
            a,
            `audioSamplingRate="${a.sample_rate}"`,
            `<AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="${a.channels}"/>`,
          ),
        ],
        ' lang="und"',
      ),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static" ` +
      `mediaPresentationDuration="${isoDuration(manifest.duration)}" minBufferTime="PT${manifest.segment_duration}S">`,
    '  <Period id="0" start="PT0S">',
    ...sets,
    '  </Period>',
    '</MPD>',
    '',
  ].join('\n');
}

function adaptationSet(id: number, type: 'video' | 'audio', representations: string[], extra = ''): string {
  return [
    `    <AdaptationSet id="${id}" contentType="${type}" mimeType="${type}/mp4" segmentAlignment="true" startWithSAP="1"${extra}>`,
    ...representations,
    '    </AdaptationSet>',
  ].join('\n');
}

function representation(track: ManifestRendition | ManifestAudio, attributes: string, child = ''): string {
  const timeline = track.segments.map((s, i) => {
    const d = Math.round(s.duration * TIMESCALE);
    return `            ${i === 0 ? `<S t="0" d="${d}"/>` : `<S d="${d}"/>`}`;
  });
  return [
    `      <Representation id="${track.id}" bandwidth="${track.bandwidth}" codecs="${track.codecs}" ${attributes}>`,
    ...(child ? [`        ${child}`] : []),
    `        <SegmentList timescale="${TIMESCALE}">`,
    `          <Initialization sourceURL="${escapeXml(track.init)}"/>`,
    '          <SegmentTimeline>',
    ...timeline,
    '          </SegmentTimeline>',
    ...track.segments.map((s) => `          <SegmentURL media="${escapeXml(s.url)}"/>`),
    '        </SegmentList>',
    '      </Representation>',
  ].join('\n');
}

function isoDuration(seconds: number): string {
  return `PT${seconds.toFixed(3)}S`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
