// GENERATED FILE — do not edit. Made by json-schema-to-typescript 16.0.0 from openapi/manifest.schema.json.
// Regenerate with `npm run manifest:generate`; `npm run manifest:check` fails while this file is stale.
/* eslint-disable */

/**
 * manifest.json, the <sf-player>'s own playback format, written by the worker next to the HLS and DASH outputs. Every URL is relative to manifest.json. While a video is processing `complete` is false and segments keep being appended; once complete nothing in it changes again.
 */
export interface Manifest {
  version: 1;
  /**
   * False while encoding: players re-fetch the manifest and play the segments as they appear.
   */
  complete: boolean;
  /**
   * Seconds of playable media so far: the longest video rendition's segments end to end.
   */
  duration: number;
  /**
   * Target segment length in seconds.
   */
  segment_duration: number;
  /**
   * Video-only rungs, smallest first; all share the `audio` track and cut segments at the same instants.
   */
  renditions: ManifestRendition[];
  audio: ManifestAudio | null;
  /**
   * A JPEG the size of the top rung, once complete.
   */
  poster: string | null;
  storyboard: {
    vtt: string;
    image: string;
  } | null;
  thumbnails: {
    interval: number;
    urls: string[];
  } | null;
}
/**
 * This interface was referenced by `Manifest`'s JSON-Schema
 * via the `definition` "ManifestRendition".
 */
export interface ManifestRendition {
  id: string;
  type: 'video';
  width: number;
  height: number;
  mime_type: 'video/mp4';
  /**
   * The exact RFC 6381 codec string, e.g. avc1.64001f.
   */
  codecs: string;
  /**
   * Peak bits per second over the segments, so a player never picks a rung it cannot sustain.
   */
  bandwidth: number;
  average_bandwidth: number;
  /**
   * The CMAF init segment.
   */
  init: string;
  segments: ManifestSegment[];
}
/**
 * This interface was referenced by `Manifest`'s JSON-Schema
 * via the `definition` "ManifestSegment".
 */
export interface ManifestSegment {
  url: string;
  /**
   * Seconds from the start of the video.
   */
  start: number;
  duration: number;
  /**
   * The segment file's exact size.
   */
  bytes: number;
}
/**
 * This interface was referenced by `Manifest`'s JSON-Schema
 * via the `definition` "ManifestAudio".
 */
export interface ManifestAudio {
  id: string;
  type: 'audio';
  mime_type: 'audio/mp4';
  channels: number;
  sample_rate: number;
  codecs: string;
  bandwidth: number;
  average_bandwidth: number;
  init: string;
  segments: ManifestSegment[];
}
