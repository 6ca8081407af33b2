import type { RenditionPlan } from './ladder';
import type { MediaInfo } from './media-info';
import { fitLongSide, THUMBNAIL_LONG_SIDE, THUMBNAIL_SECONDS, type StoryboardPlan } from './storyboard';

/** Frame rates above this are halved in practice by players; 120 fps phone clips are capped here. */
export const MAX_FPS = 60;

/**
 * HDR (PQ or HLG) to SDR BT.709: linearise, tone-map with Hable, back to BT.709 limited range.
 * Without it, 10-bit HDR encodes to washed-out grey pictures.
 */
const TONE_MAP =
  'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv';

/** Output labels of the graph; the argument builder maps each to one output. */
export const labels = {
  rung: (i: number) => `v${i}`,
  thumbs: 'thumbs',
  storyboard: 'storyboard',
  poster: 'poster',
};

/**
 * Pure: one decode feeding every output. The shared prefix repairs the picture once (deinterlace,
 * tone-map, cap the frame rate); `split` then hands identical frames to each rung, so every rung
 * has the same timestamps and its keyframes land on the same instants. Rotation is not here:
 * ffmpeg applies the display matrix before the graph.
 */
export function buildFilterGraph(info: MediaInfo, plans: RenditionPlan[], storyboard: StoryboardPlan): string {
  const prefix: string[] = [];
  if (info.video.interlaced) prefix.push('bwdif=mode=send_frame:deint=interlaced');
  if (info.video.hdr) prefix.push(TONE_MAP);
  if (info.video.fps && info.video.fps > MAX_FPS + 0.5) prefix.push(`fps=${MAX_FPS}`);
  // 8-bit 4:2:0 is what H.264 High and every browser decode; 10-bit and 4:4:4 sources come down here.
  prefix.push('format=yuv420p');

  const branches = plans.length + 2;
  const top = plans.at(-1)!;
  const [thumbWidth, thumbHeight] = fitLongSide(top.width, top.height, THUMBNAIL_LONG_SIDE);
  // Early, because ffmpeg reports no progress until the poster is out; late enough to skip a black first frame.
  const posterAt = Math.min(2, info.duration / 2);
  const parts = [
    `[0:${info.video.index}]${prefix.join(',')},split=${branches}${Array.from({ length: branches }, (_, i) => `[s${i}]`).join('')}`,
    ...plans.map((plan, i) => `[s${i}]scale=${plan.width}:${plan.height},setsar=1[${labels.rung(i)}]`),
    // Storyboard tiles are every Nth thumbnail, so their count follows from the thumbnails written.
    `[s${plans.length}]${everySeconds(THUMBNAIL_SECONDS)},split=2[t0][t1]`,
    `[t0]scale=${thumbWidth}:${thumbHeight},setsar=1[${labels.thumbs}]`,
    `[t1]${storyboard.everyNth > 1 ? `select='not(mod(n\\,${storyboard.everyNth}))',` : ''}` +
      `scale=${storyboard.tileWidth}:${storyboard.tileHeight},setsar=1,` +
      `tile=${storyboard.columns}x${storyboard.rows}:nb_frames=${storyboard.capacity}:` +
      `init_padding=${storyboard.capacity - 1}:overlap=${storyboard.capacity - 1}[${labels.storyboard}]`,
    // One frame only; ffmpeg reports no progress until this output has written it.
    `[s${plans.length + 1}]select='gte(t\\,${posterAt.toFixed(3)})*eq(selected_n\\,0)',scale=${top.width}:${top.height},setsar=1[${labels.poster}]`,
  ];
  return parts.join(';');
}

/** The first frame at or after each multiple of `seconds`; works for variable frame rates too. */
function everySeconds(seconds: number): string {
  return `select='gte(t\\,${seconds}*selected_n)'`;
}
