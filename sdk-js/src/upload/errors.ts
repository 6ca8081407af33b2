import { StreamForgeError } from '../core/errors';

/** The connection to storage failed before an answer (reset, refused, dropped mid-body). */
export class PartNetworkError extends StreamForgeError {
  override name = 'PartNetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No byte moved for the stall timeout: the attempt is abandoned and retried. */
export class StallError extends PartNetworkError {
  override name = 'StallError';
}

/** Thrown inside a run when the user paused; never surfaces to callers. */
export class PausedSignal extends Error {
  override name = 'PausedSignal';
}
