/** Why playback stopped, as the `error` event's `detail.code`. */
export type PlayerErrorCode =
  | 'MANIFEST_LOAD_FAILED'
  | 'MANIFEST_INVALID'
  | 'NO_SUPPORTED_RENDITION'
  | 'MSE_UNSUPPORTED'
  | 'SEGMENT_LOAD_FAILED'
  | 'MEDIA_DECODE_FAILED'
  | 'QUOTA_EXCEEDED';

export class PlayerError extends Error {
  constructor(
    readonly code: PlayerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlayerError';
  }
}

export const isAbort = (error: unknown) => (error as { name?: string } | null)?.name === 'AbortError';
