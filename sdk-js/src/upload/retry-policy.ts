import { ApiError, ConnectionError } from '../core/errors';
import { PartNetworkError } from './errors';

/** Network trouble and the statuses that mean "try again later"; everything else fails fast. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError)
    return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
  return error instanceof ConnectionError || error instanceof PartNetworkError;
}

export function isRetryableStorageStatus(status: number): boolean {
  // 403 from a presigned URL almost always means it expired: the caller signs it again.
  return status === 403 || status === 408 || status === 429 || status >= 500;
}
