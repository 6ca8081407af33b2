import { MediaError } from './errors';
import { MAX_FPS } from './filter-graph';
import type { RenditionPlan } from './ladder';
import type { MediaInfo } from './media-info';

/**
 * One media second is the work of one second of 1080p at 30 fps through the default
 * 360p/720p/1080p ladder: 30 frames of 640x360 + 1280x720 + 1920x1080 pixels.
 */
export const MEDIA_SECOND_PIXELS = 30 * (640 * 360 + 1280 * 720 + 1920 * 1080);
/** What a source that does not state its frame rate is assumed to have. */
const ASSUMED_FPS = 30;

export interface EncodeCost {
  /** Frames every rung will encode, duplicated ones included: the encoder fills timestamp gaps. */
  frames: number;
  /** Pixels of one frame through the whole ladder. */
  ladderPixels: number;
  /** The work, in media seconds. */
  mediaSeconds: number;
}

/**
 * Pure: what encoding `info` through `plans` costs, from the probe alone. The encoder works at the
 * stated frame rate over the stated duration whatever the file really holds, so a 7 KB file of
 * two frames 600 s apart at 60 fps costs as much as 600 s of real 60 fps video.
 */
export function encodeCost(info: MediaInfo, plans: RenditionPlan[]): EncodeCost {
  const fps = Math.min(info.video.fps ?? ASSUMED_FPS, MAX_FPS);
  const frames = Math.ceil(info.duration * fps);
  const ladderPixels = plans.reduce((sum, p) => sum + p.width * p.height, 0);
  return { frames, ladderPixels, mediaSeconds: (frames * ladderPixels) / MEDIA_SECOND_PIXELS };
}

/** Pure: refuses a source costing more than one video may, before a frame is encoded. */
export function checkCost(cost: EncodeCost, maxMediaSeconds: number): void {
  if (cost.mediaSeconds > maxMediaSeconds) {
    throw new MediaError(
      'limits_exceeded',
      `Transcoding this file would take ${Math.ceil(cost.mediaSeconds)} media seconds ` +
        `(${cost.frames} frames per rendition); the limit per video is ${maxMediaSeconds}.`,
    );
  }
}
