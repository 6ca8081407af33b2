import { contentTypeOf, OUTPUT_FILES } from '@streamforge/core';
import { buildDashMpd } from './dash-mpd';
import { buildMasterPlaylist, buildMediaPlaylist, mediaPlaylistPath } from './hls-playlist';
import type { Manifest } from './manifest';

export interface GeneratedFile {
  /** Relative to the output prefix. */
  path: string;
  body: string;
  contentType: string;
  cacheControl: string;
}

/** Growing documents must be refetched by players; final ones may be cached briefly. */
const GROWING = 'no-cache';
const FINAL = 'public, max-age=60';

/**
 * Pure: the playlists and manifests describing `manifest`, manifest.json last so a reader that
 * finds it can fetch everything it lists. The DASH MPD is written only once the video is complete
 * (a static MPD cannot grow; dynamic MPDs are not worth their trouble for minutes of encoding).
 */
export function describeOutputs(manifest: Manifest): GeneratedFile[] {
  const cacheControl = manifest.complete ? FINAL : GROWING;
  const file = (path: string, body: string): GeneratedFile => ({
    path,
    body,
    contentType: contentTypeOf(path),
    cacheControl,
  });
  const tracks = [...manifest.renditions, ...(manifest.audio ? [manifest.audio] : [])];
  return [
    ...tracks.map((t) =>
      file(mediaPlaylistPath(t.id), buildMediaPlaylist(t, manifest.complete, manifest.segment_duration)),
    ),
    file(OUTPUT_FILES.hlsMaster, buildMasterPlaylist(manifest)),
    ...(manifest.complete ? [file(OUTPUT_FILES.dash, buildDashMpd(manifest))] : []),
    file(OUTPUT_FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`),
  ];
}
