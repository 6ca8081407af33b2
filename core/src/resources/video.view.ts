import type { Video } from '../db/entities/video.entity';

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
  playback: { manifest_url: string } | null;
  error: { code: string; message: string } | null;
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
    renditions: video.status === 'ready' ? video.renditions : [],
    playback:
      video.status === 'ready' && video.manifestKey
        ? { manifest_url: `${publicBase}/${video.manifestKey}` }
        : null,
    error:
      video.status === 'failed' && video.errorCode
        ? { code: video.errorCode, message: video.errorMessage ?? '' }
        : null,
  };
}
