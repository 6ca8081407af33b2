/** Seconds between thumbnails (`thumbs/00001.jpg` is t=0, `00002.jpg` t=4, …). */
export const THUMBNAIL_SECONDS = 4;
/** Long side of a thumbnail and of a storyboard tile, in pixels. */
export const THUMBNAIL_LONG_SIDE = 320;
export const TILE_LONG_SIDE = 160;
const STORYBOARD_COLUMNS = 10;
/** Keeps the sprite a sane size (10x100 tiles of 160x90 = 1600x9000) for long videos. */
const MAX_TILES = 1000;

export interface StoryboardPlan {
  /** Seconds covered by each tile: the thumbnail interval, stretched for very long videos. */
  interval: number;
  /** Every how many thumbnails one becomes a tile (interval / THUMBNAIL_SECONDS). */
  everyNth: number;
  /** Tiles the sprite holds: the planned count plus one spare, in case the video has one more. */
  capacity: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/**
 * Pure: tiles for a video of `duration` seconds whose pictures are `width`x`height`.
 * The sprite is a sliding window (ffmpeg `tile` with `overlap` and `init_padding`): it is written
 * after the very first frame and rewritten with each new tile, so it never holds back ffmpeg's
 * progress reports (ffmpeg reports nothing until every output has written its first frame).
 * The newest tile is always last; with fewer tiles than `capacity` the first positions stay empty.
 */
export function planStoryboard(duration: number, width: number, height: number): StoryboardPlan {
  const interval = Math.max(THUMBNAIL_SECONDS, Math.ceil(duration / MAX_TILES / THUMBNAIL_SECONDS) * THUMBNAIL_SECONDS);
  const capacity = Math.max(1, Math.ceil(duration / interval)) + 1;
  const columns = Math.min(STORYBOARD_COLUMNS, capacity);
  const [tileWidth, tileHeight] = fitLongSide(width, height, TILE_LONG_SIDE);
  return {
    interval,
    everyNth: interval / THUMBNAIL_SECONDS,
    capacity,
    columns,
    rows: Math.ceil(capacity / columns),
    tileWidth,
    tileHeight,
  };
}

/** Pure: how many tiles the sprite shows, from the number of thumbnails ffmpeg wrote. */
export function tilesFromThumbnails(plan: StoryboardPlan, thumbnails: number): number {
  return Math.ceil(thumbnails / plan.everyNth);
}

/** Pure: even `[w, h]` with the long side `longSide` (or less, never upscaling) and the aspect kept. */
export function fitLongSide(width: number, height: number, longSide: number): [number, number] {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const even = (v: number) => Math.max(2, Math.round((v * scale) / 2) * 2);
  return [even(width), even(height)];
}

/**
 * Pure: the WebVTT storyboard players read for hover previews: one cue per tile, back to back up
 * to `duration`, whose text is `image#xywh=x,y,w,h` (media-chrome, mux-player, Video.js).
 * `tiles` is how many tiles ffmpeg drew; they sit at the end of the sliding window.
 */
export function buildStoryboardVtt(plan: StoryboardPlan, duration: number, image: string, tiles: number): string {
  const lines = ['WEBVTT', ''];
  const first = Math.max(0, tiles - plan.capacity);
  for (let i = first; i < tiles; i++) {
    const start = i * plan.interval;
    if (start >= duration) break;
    const end = i === tiles - 1 ? duration : Math.min(duration, start + plan.interval);
    const position = i - (tiles - plan.capacity);
    const x = (position % plan.columns) * plan.tileWidth;
    const y = Math.floor(position / plan.columns) * plan.tileHeight;
    lines.push(
      `${vttTime(start)} --> ${vttTime(end)}`,
      `${image}#xywh=${x},${y},${plan.tileWidth},${plan.tileHeight}`,
      '',
    );
  }
  return lines.join('\n');
}

function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}
