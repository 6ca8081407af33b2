import type { LadderRung } from '@streamforge/core';
import type { MediaInfo } from './media-info';

export interface RenditionPlan {
  /** Named by the picture's short side (`720p`, `360p`, …); also the rendition's folder name. */
  id: string;
  width: number;
  height: number;
  /** VBV cap: keeps each segment's size, and so the player's bandwidth estimate, predictable. */
  maxrate: number;
  bufsize: number;
}

/** Never spend more bits than the source had: re-encoding cannot add detail. */
const SOURCE_BITRATE_HEADROOM = 1.3;
/** Below this a cap is taken as a wrong header rather than a real source rate. */
const MIN_MAXRATE = 64_000;

/**
 * Pure: the ladder for `info`. Rungs are chosen by the short side of the displayed picture (so a
 * portrait 1080x1920 phone clip gets 360/720/1080 like its landscape twin), never upscaled:
 * configured rungs up to the source's short side, then one rung at the source's own size when it
 * lies between two configured rungs (a 480p upload keeps 480p). At least one rung, always.
 */
export function planLadder(info: MediaInfo, ladder: LadderRung[]): RenditionPlan[] {
  const { displayWidth, displayHeight } = info.video;
  const sourceShort = evenAtMost(Math.min(displayWidth, displayHeight));
  const sourceBitrate = info.video.bitRate ?? info.bitRate;
  const plans: RenditionPlan[] = [];
  for (const rung of [...ladder].sort((a, b) => a.shortSide - b.shortSide)) {
    if (rung.shortSide <= sourceShort) {
      plans.push(sized(info, rung.shortSide, rung.maxrate, sourceBitrate));
      continue;
    }
    const top = plans.at(-1);
    if (!top || sourceShort > Math.min(top.width, top.height)) {
      // Between two rungs: scale the next rung's cap by area.
      const maxrate = Math.round(rung.maxrate * (sourceShort / rung.shortSide) ** 2);
      plans.push(sized(info, sourceShort, Math.max(maxrate, top?.maxrate ?? 0), sourceBitrate));
    }
    break;
  }
  return plans;
}

function sized(info: MediaInfo, shortSide: number, maxrate: number, sourceBitrate: number | null): RenditionPlan {
  const { displayWidth, displayHeight } = info.video;
  const portrait = displayHeight > displayWidth;
  const sourceLong = evenAtMost(Math.max(displayWidth, displayHeight));
  const aspect = Math.max(displayWidth, displayHeight) / Math.min(displayWidth, displayHeight);
  // Nearest even long side keeps the aspect best (480 → 854, not 852), capped so it never upscales.
  const longSide = Math.min(sourceLong, Math.max(2, Math.round((shortSide * aspect) / 2) * 2));
  const capped = sourceBitrate
    ? Math.min(maxrate, Math.max(MIN_MAXRATE, Math.round(sourceBitrate * SOURCE_BITRATE_HEADROOM)))
    : maxrate;
  return {
    id: `${shortSide}p`,
    width: portrait ? shortSide : longSide,
    height: portrait ? longSide : shortSide,
    maxrate: capped,
    bufsize: capped * 2,
  };
}

/** Rounds down to an even number, but never below 2: 4:2:0 chroma needs even sides. */
function evenAtMost(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}
