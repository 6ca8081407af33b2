import type { Upload, Video } from '../core/types';

export interface UploadResult {
  uploadId: string;
  videoId: string;
  /** The upload after `complete` (status `completed`). */
  upload: Upload;
  /** The video, when the client may read it (a secret key); null with a `client_secret`. */
  video: Video | null;
}

/** Where an upload is. Each state carries what is known in it; nothing else is tracked in flags. */
export type UploadState =
  | { status: 'idle' }
  | { status: 'preparing' }
  | { status: 'uploading'; uploadId: string; videoId: string }
  | { status: 'paused'; uploadId: string | null; videoId: string | null; reason: 'user' | 'offline' }
  | { status: 'completing'; uploadId: string; videoId: string }
  | { status: 'done'; result: UploadResult }
  | { status: 'failed'; error: Error }
  | { status: 'aborted' };

export type UploadStatus = UploadState['status'];

const NEXT: Record<UploadStatus, readonly UploadStatus[]> = {
  idle: ['preparing', 'aborted'],
  preparing: ['uploading', 'completing', 'done', 'paused', 'failed', 'aborted'],
  uploading: ['paused', 'completing', 'failed', 'aborted'],
  paused: ['uploading', 'completing', 'failed', 'aborted'],
  completing: ['done', 'failed', 'aborted'],
  done: [],
  failed: [],
  aborted: [],
};

export function canTransition(from: UploadStatus, to: UploadStatus): boolean {
  return NEXT[from].includes(to);
}

export function isTerminal(state: UploadState): boolean {
  return NEXT[state.status].length === 0;
}
