import type { AppConfig, UploadSession } from '@streamforge/core';
import { ApiError } from '../common/api-error';

/** Containers ffmpeg reads that browsers and tools label with a type outside `video/*`. */
const EXTRA_CONTENT_TYPES = new Set([
  'application/octet-stream',
  'application/mp4',
  'application/x-matroska',
  'application/mxf',
]);

export function assertAcceptable(dto: { size: number; content_type: string }, config: AppConfig) {
  if (dto.size > config.uploads.maxSize) {
    throw ApiError.invalid(
      'upload_too_large',
      `The file is ${dto.size} bytes; the largest upload allowed is ${config.uploads.maxSize} bytes.`,
      'size',
    );
  }
  const type = dto.content_type.toLowerCase();
  if (!type.startsWith('video/') && !EXTRA_CONTENT_TYPES.has(type)) {
    throw ApiError.invalid(
      'content_type_not_allowed',
      `content_type must be a video type (video/mp4, video/quicktime, video/webm, …); got '${dto.content_type}'.`,
      'content_type',
    );
  }
}

export function assertOpen(session: UploadSession) {
  if (session.status === 'open' && session.expiresAt.getTime() <= Date.now()) {
    throw ApiError.invalid('upload_expired', 'This upload has expired. Create a new upload.');
  }
  if (session.status !== 'open') {
    throw ApiError.invalid('upload_not_open', `This upload is ${session.status}; it accepts no more changes.`);
  }
}

export function missingParts(session: UploadSession): number[] {
  const missing: number[] = [];
  for (let n = 1; n <= session.partCount; n++) if (!session.parts[String(n)]) missing.push(n);
  return missing;
}
