import type { MediaInfo } from './probe';

export interface RenditionPlan {
  /** Named by output height (`720p`, `360p`, …); also the rendition's folder name. */
  id: string;
  width: number;
  height: number;
  /** Bits per second the rung aims at on average. */
  videoBitrate: number;
  /** VBV cap so a segment's size (and the player's bandwidth estimate) stays predictable. */
  maxrate: number;
  bufsize: number;
}

export interface LadderOptions {
  maxHeight?: number;
}

/** ~0.1 bits per pixel at 30 fps: 720p ≈ 2.8 Mb/s, 360p ≈ 0.7 Mb/s. */
const BITS_PER_PIXEL_SECOND = 3;
const MIN_VIDEO_BITRATE = 300_000;

/**
 * Pure: the one H.264 rung for `info`. Capped at `maxHeight`, never upscaled, display aspect kept,
 * both sides even because 4:2:0 chroma needs it.
 */
export function planRendition(info: MediaInfo, options: LadderOptions = {}): RenditionPlan {
  const maxHeight = options.maxHeight ?? 720;
  const { displayWidth, displayHeight } = info.video;
  const height = evenAtMost(Math.min(maxHeight, displayHeight));
  // Nearest even width keeps the aspect best (1920x1080 → 854x480, not 852), capped so it never upscales.
  const width = Math.min(evenAtMost(displayWidth), Math.max(2, Math.round((height * displayWidth) / displayHeight / 2) * 2));
  const videoBitrate = Math.max(MIN_VIDEO_BITRATE, roundTo(width * height * BITS_PER_PIXEL_SECOND, 50_000));
  return {
    id: `${height}p`,
    width,
    height,
    videoBitrate,
    maxrate: Math.round(videoBitrate * 1.5),
    bufsize: videoBitrate * 2,
  };
}

/** Rounds down to an even number, but never below 2 (the smallest size the encoder accepts). */
function evenAtMost(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}
