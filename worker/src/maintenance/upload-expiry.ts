import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AppConfig,
  ObjectStorage,
  publicObjectBase,
  recordEvent,
  recordVideoEvent,
  UploadSession,
  uploadView,
  Video,
} from '@streamforge/core';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG } from '../tokens';

const BATCH = 100;

/**
 * Ends upload sessions left open past `expires_at`: the session becomes `expired` (event
 * `upload.expired`), its video `failed` with `upload_expired` (event `video.failed`), and once
 * that is committed the multipart upload is aborted and any object under the source key deleted.
 * Rows are taken with SKIP LOCKED, so a session the api is completing right now is left to it
 * (and the api refuses to complete a session past its expiry).
 */
@Injectable()
export class UploadExpiry {
  private readonly logger = new Logger(UploadExpiry.name);

  constructor(
    private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<number> {
    let expired = 0;
    for (;;) {
      const sessions = await this.expireBatch();
      for (const session of sessions) {
        // One store error must not hold back the rest; the object sweep retries the deletion
        // (the video is failed), and a bucket lifecycle rule should end forgotten multipart uploads.
        try {
          if (session.s3UploadId) await this.storage.abortMultipart(session.objectKey, session.s3UploadId);
          await this.storage.deletePrefix(session.objectKey);
        } catch (error) {
          this.logger.warn(`${session.id}: storage not cleaned yet: ${(error as Error).message}`);
        }
      }
      expired += sessions.length;
      if (sessions.length < BATCH) break;
    }
    if (expired) this.logger.log(`expired ${expired} upload session(s)`);
    return expired;
  }

  private expireBatch(): Promise<UploadSession[]> {
    return this.db.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id FROM upload_sessions WHERE status = 'open' AND expires_at <= now()
          ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      )) as Array<{ id: string }>;
      if (!rows.length) return [];
      const sessions = await manager.findBy(UploadSession, { id: In(rows.map((r) => r.id)) });
      const base = publicObjectBase(this.config);
      for (const session of sessions) {
        session.status = 'expired';
        await manager.save(session);
        await recordEvent(manager, {
          accountId: session.accountId,
          livemode: session.livemode,
          type: 'upload.expired',
          object: uploadView(session),
        });
        const video = await manager.findOne(Video, {
          where: { id: session.videoId, status: 'pending_upload' },
          lock: { mode: 'pessimistic_write' },
        });
        if (!video) continue;
        Object.assign(video, {
          status: 'failed',
          errorCode: 'upload_expired',
          errorMessage: 'The upload was not completed before it expired. Create a new upload.',
        });
        await manager.save(video);
        await recordVideoEvent(manager, video, 'video.failed', base);
      }
      return sessions;
    });
  }
}
