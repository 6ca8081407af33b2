import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UploadError,
} from '../node/index';

/** One clear line per failure, saying what to do next. */
export function explain(error: unknown, baseUrl: string): string {
  if (error instanceof AuthenticationError)
    return `The API refused the key (${error.error.message}). Check STREAMFORGE_API_KEY.`;
  if (error instanceof PermissionDeniedError) return `Not allowed: ${error.error.message}`;
  if (error instanceof NotFoundError) return `Not found: ${error.error.message}`;
  if (error instanceof RateLimitError) return `Rate limited by the API; try again shortly. (${error.error.message})`;
  if (error instanceof ApiError) return `The API answered ${error.status}: ${error.message}`;
  if (error instanceof ConnectionError) {
    return `Could not reach the StreamForge API at ${baseUrl}. Is it running? Set STREAMFORGE_BASE_URL to its address. (${error.message})`;
  }
  if (error instanceof UploadError) return `Upload failed: ${error.message}`;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `No such file: ${(error as NodeJS.ErrnoException).path}`;
  if (code === 'EACCES') return `Permission denied reading ${(error as NodeJS.ErrnoException).path}`;
  return (error as Error)?.message ?? String(error);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}
