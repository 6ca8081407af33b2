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
  /**
   * Write order: every file of one wave only after each file of the waves before it, the files of
   * one wave together. Media playlists (0) before the master and the MPD that list them (1), the
   * manifest, which lists everything, last (2).
   */
  wave: number;
}

/** Growing documents must be refetched by players; final ones may be cached briefly. */
const GROWING = 'no-cache';
const FINAL = 'public, max-age=60';

/**
 * Pure: the playlists and manifests describing `manifest`, in waves (see `GeneratedFile.wave`):
 * manifest.json last so a reader that finds it can fetch everything it lists. The DASH MPD is
 * written only once the video is complete (a static MPD cannot grow; dynamic MPDs are not worth
 * their trouble for minutes of encoding).
 */
export function describeOutputs(manifest: Manifest): GeneratedFile[] {
  const cacheControl = manifest.complete ? FINAL : GROWING;
  const file = (path: string, body: string, wave: number): GeneratedFile => ({
    path,
    body,
    contentType: contentTypeOf(path),
    cacheControl,
    wave,
  });
  const tracks = [...manifest.renditions, ...(manifest.audio ? [manifest.audio] : [])];
  return [
    ...tracks.map((t) =>
      file(mediaPlaylistPath(t.id), buildMediaPlaylist(t, manifest.complete, manifest.segment_duration), 0),
    ),
    file(OUTPUT_FILES.hlsMaster, buildMasterPlaylist(manifest), 1),
    ...(manifest.complete ? [file(OUTPUT_FILES.dash, buildDashMpd(manifest), 1)] : []),
    file(OUTPUT_FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`, 2),
  ];
}
