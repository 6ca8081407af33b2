/**
 * The output file layout under `{account}/{video}/v{n}/`, once: the worker writes these names, the
 * video view links them, the player finds the native-HLS fallback beside manifest.json. No imports,
 * so the browser bundle of `@streamforge/player` can include it.
 */
export const OUTPUT_FILES = {
  manifest: 'manifest.json',
  hlsMaster: 'master.m3u8',
  dash: 'manifest.mpd',
  poster: 'poster.jpg',
  storyboardVtt: 'storyboard.vtt',
  storyboardImage: 'storyboard.jpg',
  thumbnailsDir: 'thumbs',
} as const;

/** Per track folder `<id>/`: the CMAF init, the media segments and the HLS media playlist. */
export const TRACK_FILES = {
  init: 'init.mp4',
  /** ffmpeg's pattern; the published names are `seg_00000.m4s`, … */
  segmentPattern: 'seg_%05d.m4s',
  hlsMedia: 'index.m3u8',
} as const;

/** Content types by extension for everything published; anything else is application/octet-stream. */
export const OUTPUT_CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  m3u8: 'application/vnd.apple.mpegurl',
  mpd: 'application/dash+xml',
  mp4: 'video/mp4',
  m4s: 'video/iso.segment',
  jpg: 'image/jpeg',
  vtt: 'text/vtt',
};

export function contentTypeOf(relativePath: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(relativePath)?.[1]?.toLowerCase() ?? '';
  return OUTPUT_CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
