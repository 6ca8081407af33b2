import type { UploadSession } from '../db/entities/upload-session.entity';
import { unixSeconds } from './video.view';

/** The public representation of an upload session, shared by API responses and event payloads. */
export interface UploadView {
  id: string;
  object: 'upload';
  created: number;
  livemode: boolean;
  status: UploadSession['status'];
  video_id: string;
  filename: string;
  content_type: string;
  size: number;
  mode: 'single' | 'multipart';
  part_size: number | null;
  part_count: number;
  parts: Array<{ part_number: number; etag: string }>;
  expires_at: number;
}

export function uploadView(session: UploadSession): UploadView {
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
