import { OUTPUT_FILES } from '../../../core/src/playback/output-files';
import { mediaSourceClass } from '../engine/engine';
import { resolveUrl } from '../engine/manifest-loader';

export type PlaybackPath = 'mse' | 'native';

/**
 * MSE (or ManagedMediaSource) when present, else the browser's own HLS (older iOS) from the
 * master playlist published beside manifest.json. `prefer="native"` asks for native HLS first.
 */
export function playbackPath(video: HTMLVideoElement, prefer: string | null): PlaybackPath {
  const nativeHls = video.canPlayType('application/vnd.apple.mpegurl') !== '';
  if (prefer === 'native' && nativeHls) return 'native';
  return mediaSourceClass() || !nativeHls ? 'mse' : 'native';
}

export const nativeHlsUrl = (manifestUrl: string) => resolveUrl(manifestUrl, OUTPUT_FILES.hlsMaster);
