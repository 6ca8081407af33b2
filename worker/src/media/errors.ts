import type { VideoErrorCode } from '@streamforge/core';

/**
 * A deterministic failure caused by the customer's media: retrying cannot help, so the job fails
 * at once and `code` + `message` are shown to the customer as the video's `error`.
 * Messages must read well to a customer and never carry local paths or ffmpeg output;
 * put diagnostics in `cause`, which is for operators' logs only.
 */
export class MediaError extends Error {
  constructor(
    readonly code: VideoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MediaError';
  }
}

export function isMediaError(error: unknown): error is MediaError {
  return error instanceof MediaError;
}
