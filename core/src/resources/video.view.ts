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

function playbackOf(video: Video, publicBase: string): VideoPlayback | null {
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

export function videoView(video: Video, publicBase: string): VideoView {
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
