import type { PartPutRequest, PartPutResponse } from './ports';
import { StallError } from './errors';

export interface PartAttempt {
  /** Settles the attempt once; later calls are ignored. An error also cancels the transfer. */
  finish(error: Error | null, response?: PartPutResponse): void;
  /** Restarts the stall clock: call it whenever bytes move in either direction. */
  armStall(): void;
}

/**
 * The bookkeeping every part transport shares: settle once, cancel on abort or error, and give
 * up on an attempt when no bytes move for the stall timeout. Returns null when already aborted.
 */
export function startPartAttempt(
  req: Pick<PartPutRequest<unknown>, 'signal' | 'stallTimeoutMs'>,
  settle: { resolve(response: PartPutResponse): void; reject(error: Error): void; cancel(): void },
): PartAttempt | null {
  let settled = false;
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const finish = (error: Error | null, response?: PartPutResponse) => {
    if (settled) return;
    settled = true;
    clearTimeout(stallTimer);
    req.signal.removeEventListener('abort', onAbort);
    if (error) {
      settle.cancel();
      settle.reject(error);
    } else settle.resolve(response!);
  };
  const armStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(
      () => finish(new StallError(`No bytes moved for ${req.stallTimeoutMs} ms; abandoning this attempt.`)),
      req.stallTimeoutMs,
    );
  };
  const onAbort = () => finish(req.signal.reason instanceof Error ? req.signal.reason : new Error('aborted'));
  if (req.signal.aborted) {
    onAbort();
    return null;
  }
  req.signal.addEventListener('abort', onAbort, { once: true });
  return { finish, armStall };
}
