import type { UploadProgress } from './progress';
import type { UploadState } from './state';

/** An upload your backend created; its `client_secret` is all a browser needs. */
export interface UploadRef {
  id: string;
  client_secret: string;
}

export interface UploadOptions {
  title?: string;
  metadata?: Record<string, string>;
  /** Defaults to the file's name. */
  filename?: string;
  /** Defaults to the file's type, or a guess from its extension. */
  contentType?: string;
  /** Parts in flight at once. Default 4 in browsers (max 6, the per-host connection limit), 8 in Node. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /**
   * Upload into an upload your backend created, authorizing with its `client_secret` (no secret key
   * in the browser). Pass a function to create it only when no earlier session of this file can be
   * resumed.
   */
  upload?: UploadRef | (() => Promise<UploadRef>);
  /** Look for an earlier session of the same file and continue it. Default true. */
  resume?: boolean;
  /** No byte moving for this long abandons the attempt. Default 30 s. */
  stallTimeoutMs?: number;
  /** Consecutive failures (without a part committed in between) before giving up. Default 20. */
  maxFailures?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
}

export interface UploadEvents extends Record<string, unknown> {
  progress: UploadProgress;
  state: UploadState;
  part: { partNumber: number; etag: string };
  retry: { partNumber: number | null; failures: number; delayMs: number; error: Error };
}
