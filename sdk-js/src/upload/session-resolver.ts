import {
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  StreamForgeError,
  UploadError,
} from '../core/errors';
import type { ApiTransport } from '../core/http';
import type { Upload } from '../core/types';
import { Uploads } from '../resources/uploads';
import type { UploadOptions } from './options';
import type { FileSource, ResumeRecord, ResumeStore } from './ports';

/** The upload a task works on, and the credential it works with. */
export interface Session {
  upload: Upload;
  api: ApiTransport;
  /** The resume store key: API address + file fingerprint. */
  key: string;
}

export interface SessionContext {
  store: ResumeStore;
  baseTransport: ApiTransport;
  /** Null in client_secret mode. */
  keyTransport: ApiTransport | null;
  options: UploadOptions;
  signal: AbortSignal;
}

/**
 * Finds this file's earlier session and checks it with the server (its record of parts is the
 * truth), or creates a new one and saves it before any byte is sent.
 */
export async function resolveSession<Body>(file: FileSource<Body>, ctx: SessionContext): Promise<Session> {
  const { store, baseTransport, keyTransport, options, signal } = ctx;
  const key = `${baseTransport.baseUrl}|${await file.fingerprint()}`;
  await store.prune(Math.floor(Date.now() / 1000)).catch(() => {});

  if (options.resume !== false) {
    const record = await store.get(key);
    if (record && record.size === file.size) {
      const api = keyTransport ?? (record.clientSecret ? baseTransport.withCredential(record.clientSecret) : null);
      if (api) {
        const upload = await new Uploads(api).retrieve(record.uploadId, { signal }).catch((error) => {
          // Gone, expired or not ours any more: start afresh. Anything else (network) is a real failure.
          if (
            error instanceof NotFoundError ||
            error instanceof AuthenticationError ||
            error instanceof PermissionDeniedError
          )
            return null;
          throw error;
        });
        if (upload && (upload.status === 'open' || upload.status === 'completed')) return { upload, api, key };
      }
    }
    if (record) await store.delete(key);
  }

  let upload: Upload;
  let api: ApiTransport;
  let clientSecret: string | null = null;
  if (options.upload) {
    const ref = typeof options.upload === 'function' ? await options.upload() : options.upload;
    api = baseTransport.withCredential(ref.client_secret);
    upload = await new Uploads(api).retrieve(ref.id, { signal });
    clientSecret = ref.client_secret;
    if (upload.size !== file.size) {
      throw new UploadError(
        `Upload ${upload.id} was created for ${upload.size} bytes but this file has ${file.size}.`,
        'upload_unusable',
      );
    }
  } else if (keyTransport) {
    api = keyTransport;
    upload = await new Uploads(api).create(
      {
        filename: file.name,
        size: file.size,
        content_type: file.type || 'application/octet-stream',
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(options.metadata ? { metadata: options.metadata } : {}),
      },
      { signal },
    );
  } else {
    throw new StreamForgeError(
      'No credential to upload with: give StreamForge a secret API key, or pass `upload: { id, client_secret }` created by your backend.',
    );
  }
  const record: ResumeRecord = {
    key,
    uploadId: upload.id,
    videoId: upload.video_id,
    clientSecret,
    size: upload.size,
    partSize: upload.part_size,
    partCount: upload.part_count,
    expiresAt: upload.expires_at,
    savedAt: Math.floor(Date.now() / 1000),
  };
  await store.set(record);
  return { upload, api, key };
}
