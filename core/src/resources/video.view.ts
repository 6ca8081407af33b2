import type { Video } from '../db/entities/video.entity';
import { OUTPUT_FILES } from '../playback/output-files';

/** The public representation of a video, shared by API responses and event payloads. */
export interface VideoView {
  id: string;
  object: 'video';
  created: number;
  livemode: boolean;
  title: string | null;
  metadata: Record<string, string>;
  status: Video['status'];
  upload_id: string | null;
  duration: number | null;
  width: number | null;
  height: number | null;
  progress: { stage: string; percent: number } | null;
  renditions: Video['renditions'];
  /** True once players can start: every rung's first segments are published (possibly while processing). */
  playable: boolean;
  playback: VideoPlayback | null;
  error: { code: string; message: string } | null;
}

/** The columns a view is made of: an entity, or a row read without the ORM (`VIDEO_VIEW_JSON`). */
export type VideoViewSource = Pick<
  Video,
  | 'id'
  | 'createdAt'
  | 'livemode'
  | 'title'
  | 'metadata'
  | 'status'
  | 'uploadSessionId'
  | 'duration'
  | 'width'
  | 'height'
  | 'progress'
  | 'renditions'
  | 'playable'
  | 'outputPrefix'
  | 'manifestKey'
  | 'errorCode'
  | 'errorMessage'
>;

/** Each `VideoViewSource` field and the `videos` column it comes from. */
const VIDEO_VIEW_FIELDS: readonly (readonly [field: keyof VideoViewSource, column: string])[] = [
  ['id', 'id'],
  ['createdAt', 'created_at'],
  ['livemode', 'livemode'],
  ['title', 'title'],
  ['metadata', 'metadata'],
  ['status', 'status'],
  ['uploadSessionId', 'upload_session_id'],
  ['duration', 'duration'],
  ['width', 'width'],
  ['height', 'height'],
  ['progress', 'progress'],
  ['renditions', 'renditions'],
  ['playable', 'playable'],
  ['outputPrefix', 'output_prefix'],
  ['manifestKey', 'manifest_key'],
  ['errorCode', 'error_code'],
  ['errorMessage', 'error_message'],
];

/**
 * One `json` value holding a `VideoViewSource` from a raw `videos` row, `createdAt` as epoch
 * milliseconds (`videoViewSourceFromJson` makes it a `Date`), for hot reads that skip the ORM: the
 * driver then describes and parses one column instead of seventeen.
 */
export const VIDEO_VIEW_JSON = `json_build_object(${VIDEO_VIEW_FIELDS.map(
  ([field, column]) =>
    `'${field}', ${field === 'createdAt' ? `floor(extract(epoch FROM ${column}) * 1000)::int8` : column}`,
).join(', ')})`;

/** What `VIDEO_VIEW_JSON` holds, as the driver parses it. */
export type VideoViewJson = Omit<VideoViewSource, 'createdAt'> & { createdAt: number };

export function videoViewSourceFromJson(json: VideoViewJson): VideoViewSource {
  return { ...json, createdAt: new Date(json.createdAt) };
}

/**
 * Playback URLs under one output prefix. While a video is playable but still processing, the
 * manifest and HLS playlists grow; the DASH MPD, poster and storyboard appear when it is ready.
 */
export interface VideoPlayback {
  manifest_url: string;
  hls_url: string;
  dash_url: string | null;
  poster_url: string | null;
  storyboard_url: string | null;
  storyboard_image_url: string | null;
}

function playbackOf(video: VideoViewSource, publicBase: string): VideoPlayback | null {
  const ready = video.status === 'ready';
  if (!video.outputPrefix || !(ready || (video.status === 'processing' && video.playable))) return null;
  const url = (file: string) => `${publicBase}/${video.outputPrefix}/${file}`;
  return {
    manifest_url: video.manifestKey ? `${publicBase}/${video.manifestKey}` : url(OUTPUT_FILES.manifest),
    hls_url: url(OUTPUT_FILES.hlsMaster),
    dash_url: ready ? url(OUTPUT_FILES.dash) : null,
    poster_url: ready ? url(OUTPUT_FILES.poster) : null,
    storyboard_url: ready ? url(OUTPUT_FILES.storyboardVtt) : null,
    storyboard_image_url: ready ? url(OUTPUT_FILES.storyboardImage) : null,
  };
}

export const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function videoView(video: VideoViewSource, publicBase: string): VideoView {
  return {
    id: video.id,
    object: 'video',
    created: unixSeconds(video.createdAt),
    livemode: video.livemode,
    title: video.title,
    metadata: video.metadata ?? {},
    status: video.status,
    upload_id: video.uploadSessionId,
    duration: video.duration,
    width: video.width,
    height: video.height,
    progress: video.status === 'processing' ? video.progress : null,
    renditions: video.status === 'ready' || (video.status === 'processing' && video.playable) ? video.renditions : [],
    playable: video.status === 'ready' || (video.status === 'processing' && video.playable),
    playback: playbackOf(video, publicBase),
    error:
      video.status === 'failed' && video.errorCode
        ? { code: video.errorCode, message: video.errorMessage ?? '' }
        : null,
  };
}
