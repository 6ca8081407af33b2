import {
  type Manifest,
  type ManifestAudio,
  type ManifestRendition,
  type ManifestSegment,
  OUTPUT_FILES,
} from '@streamforge/core';

export const MANIFEST_FILENAME = OUTPUT_FILES.manifest;

/**
 * `manifest.json`, the `<sf-player>`'s own format; the types are generated from
 * openapi/manifest.schema.json (the contract the player reads too).
 */
export type { Manifest, ManifestAudio, ManifestRendition, ManifestSegment };

type ManifestTrack = Omit<ManifestRendition, 'type' | 'width' | 'height' | 'mime_type'>;

/** What was measured on disk for one track: the playlist's times, the files' sizes (URLs relative). */
export interface TrackFiles {
  id: string;
  init: string;
  segments: Array<{ url: string; duration: number; bytes: number }>;
}

/** Facts read from the produced init + first segment by ffprobe. */
export interface TrackFormat {
  codecs: string;
  width?: number;
  height?: number;
  channels?: number;
  sampleRate?: number;
}

export interface ManifestInput {
  complete: boolean;
  segmentDuration: number;
  video: Array<TrackFiles & { format: TrackFormat }>;
  audio: (TrackFiles & { format: TrackFormat }) | null;
  extras?: Pick<Manifest, 'poster' | 'storyboard' | 'thumbnails'>;
}

/** Pure. */
export function buildManifest(input: ManifestInput): Manifest {
  const renditions = input.video.map((track): ManifestRendition => ({
    id: track.id,
    type: 'video',
    width: track.format.width ?? 0,
    height: track.format.height ?? 0,
    mime_type: 'video/mp4',
    ...measure(track, track.format.codecs),
  }));
  const audio: ManifestAudio | null = input.audio
    ? {
        id: input.audio.id,
        type: 'audio',
        mime_type: 'audio/mp4',
        channels: input.audio.format.channels ?? 2,
        sample_rate: input.audio.format.sampleRate ?? 48_000,
        ...measure(input.audio, input.audio.format.codecs),
      }
    : null;
  const duration = Math.max(0, ...renditions.map((r) => r.segments.reduce((sum, s) => sum + s.duration, 0)));
  return {
    version: 1,
    complete: input.complete,
    duration: roundMicros(duration),
    segment_duration: input.segmentDuration,
    renditions,
    audio,
    poster: input.extras?.poster ?? null,
    storyboard: input.extras?.storyboard ?? null,
    thumbnails: input.extras?.thumbnails ?? null,
  };
}

function measure(track: TrackFiles, codecs: string): Omit<ManifestTrack, 'id'> {
  let start = 0;
  let peak = 0;
  let bytes = 0;
  const segments = track.segments.map((segment) => {
    const entry = { url: segment.url, start: roundMicros(start), duration: segment.duration, bytes: segment.bytes };
    start += segment.duration;
    bytes += segment.bytes;
    if (segment.duration > 0) peak = Math.max(peak, (segment.bytes * 8) / segment.duration);
    return entry;
  });
  return {
    codecs,
    bandwidth: Math.ceil(peak),
    average_bandwidth: start > 0 ? Math.ceil((bytes * 8) / start) : 0,
    init: track.init,
    segments,
  };
}

export function roundMicros(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
