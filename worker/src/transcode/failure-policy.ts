import { MediaError } from '../media/errors';
import { StalledEncodeError } from '../media/transcoder';

/**
 * Pure: the customer-facing failure behind `error`, or null for a transient one that BullMQ
 * retries. A stall is retried once (a starved host can cause it); stalling again on the same file
 * is the file's doing, so the second one fails the video instead of spending every attempt.
 */
export function mediaFailure(error: unknown, attemptsMade: number): MediaError | null {
  if (error instanceof MediaError) return error;
  if (error instanceof StalledEncodeError && attemptsMade >= 1) {
    return new MediaError(
      'corrupt_media',
      'Transcoding made no progress on this file, twice; it may be damaged or built to stall decoders.',
      { cause: error },
    );
  }
  return null;
}
