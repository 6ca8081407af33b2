import { TRACK_FILES } from '@streamforge/core';
import type { Manifest, ManifestAudio, ManifestRendition } from './manifest';

export interface MediaPlaylist {
  /** `#EXT-X-MAP` URI, as written in the playlist. */
  initUri: string | null;
  segments: Array<{ uri: string; duration: number }>;
  /** `#EXT-X-ENDLIST` seen: no more segments will come. */
  ended: boolean;
}

/**
 * Pure: the init file and segments of an HLS media playlist (RFC 8216 §4.3.2), enough to read
 * what ffmpeg's HLS muxer wrote. Master playlists, byte ranges and encryption are not expected here.
 */
export function parseMediaPlaylist(text: string): MediaPlaylist {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines[0] !== '#EXTM3U') throw new Error('Not an HLS playlist: the first line is not #EXTM3U');

  let initUri: string | null = null;
  let ended = false;
  const segments: MediaPlaylist['segments'] = [];
  let pendingDuration: number | null = null;
  for (const line of lines.slice(1)) {
    if (!line) continue;
    if (line.startsWith('#EXT-X-MAP:')) {
      initUri = /URI="([^"]*)"/.exec(line)?.[1] ?? null;
    } else if (line === '#EXT-X-ENDLIST') {
      ended = true;
    } else if (line.startsWith('#EXTINF:')) {
      pendingDuration = Number(line.slice('#EXTINF:'.length).split(',')[0]);
      if (!Number.isFinite(pendingDuration) || pendingDuration < 0) {
        throw new Error(`Bad #EXTINF duration in playlist: ${line}`);
      }
    } else if (!line.startsWith('#')) {
      if (pendingDuration === null) throw new Error(`Segment without #EXTINF in playlist: ${line}`);
      segments.push({ uri: line, duration: pendingDuration });
      pendingDuration = null;
    }
  }
  return { initUri, segments, ended };
}

/** The media playlist of track `id`, relative to the master: `<id>/index.m3u8`. */
export const mediaPlaylistPath = (id: string) => `${id}/${TRACK_FILES.hlsMedia}`;

/**
 * Pure: the HLS master playlist over the manifest's segments. BANDWIDTH is the measured peak of
 * the rung plus the audio track, AVERAGE-BANDWIDTH their averages, CODECS the exact strings.
 */
export function buildMasterPlaylist(manifest: Manifest): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const audio = manifest.audio;
  if (audio) {
    lines.push(
      `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Default",LANGUAGE="und",DEFAULT=YES,AUTOSELECT=YES,` +
        `CHANNELS="${audio.channels}",URI="${mediaPlaylistPath(audio.id)}"`,
    );
  }
  for (const r of manifest.renditions) {
    const attributes = [
      `BANDWIDTH=${r.bandwidth + (audio?.bandwidth ?? 0)}`,
      `AVERAGE-BANDWIDTH=${r.average_bandwidth + (audio?.average_bandwidth ?? 0)}`,
      `RESOLUTION=${r.width}x${r.height}`,
      `CODECS="${[r.codecs, ...(audio ? [audio.codecs] : [])].join(',')}"`,
      ...(audio ? ['AUDIO="audio"'] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, mediaPlaylistPath(r.id));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Pure: one track's media playlist, its URIs relative to its own folder. An EVENT playlist while
 * the video is still being encoded (players poll it and may start), VOD with ENDLIST once complete.
 */
export function buildMediaPlaylist(
  track: ManifestRendition | ManifestAudio,
  complete: boolean,
  segmentSeconds: number,
): string {
  const local = (url: string) => url.slice(url.indexOf('/') + 1);
  const longest = Math.max(segmentSeconds, ...track.segments.map((s) => Math.round(s.duration)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${longest}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXT-X-PLAYLIST-TYPE:${complete ? 'VOD' : 'EVENT'}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI="${local(track.init)}"`,
  ];
  for (const s of track.segments) lines.push(`#EXTINF:${s.duration.toFixed(6)},`, local(s.url));
  if (complete) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}
