import { isAbort, PlayerError } from './errors';
import type { FetchLike } from './manifest-loader';

export interface LoadedSegment {
  data: ArrayBuffer;
  bytes: number;
  /** Wall time of the download, for the throughput estimate. */
  ms: number;
}

export interface SegmentLoadOptions {
  /** The size manifest.json promises; a shorter body is a truncated response and is retried. */
  expectedBytes?: number;
  signal: AbortSignal;
  fetch?: FetchLike;
  /** Waits before each retry; its length is the number of retries. */
  backoffMs?: number[];
  onRetry?: (attempt: number, reason: string) => void;
  now?: () => number;
}

export const RETRY_BACKOFF_MS = [250, 750, 2000];

/** Fetches one init or media segment, retrying HTTP errors, network errors and short bodies. */
export async function loadSegment(url: string, options: SegmentLoadOptions): Promise<LoadedSegment> {
  const fetchImpl = options.fetch ?? ((u, i) => fetch(u, i));
  const backoff = options.backoffMs ?? RETRY_BACKOFF_MS;
  const now = options.now ?? (() => performance.now());
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    try {
      const started = now();
      const response = await fetchImpl(url, { signal: options.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.arrayBuffer();
      if (options.expectedBytes !== undefined && data.byteLength !== options.expectedBytes) {
        throw new Error(`truncated: ${data.byteLength} of ${options.expectedBytes} bytes`);
      }
      return { data, bytes: data.byteLength, ms: now() - started };
    } catch (error) {
      if (options.signal.aborted || isAbort(error)) throw error;
      reason = error instanceof Error ? error.message : String(error);
    }
    if (attempt >= backoff.length) {
      throw new PlayerError('SEGMENT_LOAD_FAILED', `${url} failed after ${attempt + 1} attempts: ${reason}`);
    }
    options.onRetry?.(attempt + 1, reason);
    await sleep(backoff[attempt], options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    }
    signal.addEventListener('abort', aborted, { once: true });
  });
}
