import { type UploadSession, unixSeconds } from '@streamforge/core';
import type { UploadObject } from './dto';

export function uploadView(session: UploadSession): UploadObject {
  return {
    id: session.id,
    object: 'upload',
    created: unixSeconds(session.createdAt),
    livemode: session.livemode,
    status: session.status,
    video_id: session.videoId,
    filename: session.filename,
    content_type: session.contentType,
    size: session.size,
    mode: session.s3UploadId ? 'multipart' : 'single',
    part_size: session.partSize,
    part_count: session.partCount,
    parts: Object.entries(session.parts)
      .map(([n, p]) => ({ part_number: Number(n), etag: p.etag }))
      .sort((a, b) => a.part_number - b.part_number),
    expires_at: unixSeconds(session.expiresAt),
  };
}
