export interface MediaPlaylist {
  /** `#EXT-X-MAP` URI, as written in the playlist. */
  initUri: string | null;
  segments: Array<{ uri: string; duration: number }>;
}

/**
 * Pure: the init file and segments of an HLS media playlist (RFC 8216 §4.3.2), enough to read
 * what ffmpeg's HLS muxer wrote. Master playlists, byte ranges and encryption are not expected here.
 */
export function parseMediaPlaylist(text: string): MediaPlaylist {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines[0] !== '#EXTM3U') throw new Error('Not an HLS playlist: the first line is not #EXTM3U');

  let initUri: string | null = null;
  const segments: MediaPlaylist['segments'] = [];
  let pendingDuration: number | null = null;
  for (const line of lines.slice(1)) {
    if (!line) continue;
    if (line.startsWith('#EXT-X-MAP:')) {
      initUri = /URI="([^"]*)"/.exec(line)?.[1] ?? null;
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
  return { initUri, segments };
}
