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

/** The columns a view is made of: an entity, or a row read without the ORM (`VIDEO_VIEW_COLUMNS`). */
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

/**
 * A select list giving exactly a `VideoViewSource` from a raw `videos` row (the driver parses
 * timestamps, numbers and jsonb), for hot reads that skip the ORM's mapping.
 */
export const VIDEO_VIEW_COLUMNS = [
  'id',
  'created_at AS "createdAt"',
  'livemode',
  'title',
  'metadata',
  'status',
  'upload_session_id AS "uploadSessionId"',
  'duration',
  'width',
  'height',
  'progress',
  'renditions',
  'playable',
  'output_prefix AS "outputPrefix"',
  'manifest_key AS "manifestKey"',
  'error_code AS "errorCode"',
  'error_message AS "errorMessage"',
].join(', ');

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
