import { Inject, Injectable } from '@nestjs/common';
import {
  type AppConfig,
  ObjectStorage,
  publicObjectBase,
  recordVideoEvent,
  UploadSession,
  Video,
} from '@streamforge/core';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { RequestScope } from '../common/request-scope';
import { APP_CONFIG } from '../infra/tokens';
import { JobQueue } from '../infra/job-queue';
import type { UploadObject } from './dto';
import { assertOpen, missingParts } from './upload-rules';
import { uploadView } from './upload.view';
import { UploadsService } from './uploads.service';

/**
 * Finishes an upload: assembles multipart parts, checks the stored size, moves the video to
 * `processing` and queues the transcode once that is committed. Calling it again is harmless.
 */
@Injectable()
export class UploadCompleter {
  constructor(
    private readonly uploads: UploadsService,
    private readonly scope: RequestScope,
    private readonly storage: ObjectStorage,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async complete(principal: Principal, id: string): Promise<UploadObject> {
    const manager = this.scope.manager;
    const session = await this.uploads.find(principal, id, true);
    if (session.status === 'completed') return uploadView(session);
    assertOpen(session);
    await this.assemble(session);
    await this.verifySize(session);

    session.status = 'completed';
    await manager.save(session);
    const video = await manager.findOneByOrFail(Video, { id: session.videoId });
    video.status = 'processing';
    video.processingAttempts += 1;
    video.progress = { stage: 'queued', percent: 0 };
    await manager.save(video);
    await recordVideoEvent(manager, video, 'video.processing', publicObjectBase(this.config));
    // Queued only after commit, so the worker never sees a video that is not yet `processing`.
    // If Redis is down here, the reconciler re-queues videos left in `processing` without a job.
    const job = { videoId: video.id, accountId: video.accountId, attempt: video.processingAttempts };
    this.scope.afterCommit(() => this.queue.enqueue('transcode', job));
    return uploadView(session);
  }

  private async assemble(session: UploadSession) {
    if (!session.s3UploadId) return;
    const missing = missingParts(session);
    if (missing.length) {
      throw ApiError.invalid(
        'upload_incomplete',
        `${missing.length} of ${session.partCount} parts have not been recorded (first missing: part ${missing[0]}). ` +
          'Upload them and record their ETags with POST /v1/uploads/{id}/parts.',
        'parts',
      );
    }
    const parts = Array.from({ length: session.partCount }, (_, i) => ({
      partNumber: i + 1,
      etag: session.parts[String(i + 1)].etag,
    }));
    try {
      await this.storage.completeMultipart(session.objectKey, session.s3UploadId, parts);
    } catch (error) {
      throw ApiError.invalid(
        'upload_parts_invalid',
        `The storage refused to assemble the parts (${(error as Error).name}). Re-upload the parts and record their new ETags.`,
        'parts',
      );
    }
  }

  private async verifySize(session: UploadSession) {
    const head = await this.storage.head(session.objectKey);
    if (!head) {
      throw ApiError.invalid('upload_incomplete', 'No file has been uploaded yet: PUT it to the presigned URL first.');
    }
    if (head.size === session.size) return;
    // The request rolls back; afterwards drop the wrong object and, for multipart, open a fresh
    // multipart upload so the client can send the parts again.
    this.scope.afterRollback(async () => {
      await this.storage.deletePrefix(session.objectKey);
      if (!session.s3UploadId) return;
      const s3UploadId = await this.storage.createMultipart(session.objectKey, session.contentType);
      const scope = { accountId: session.accountId, livemode: session.livemode };
      await this.scope.run(scope, () =>
        this.scope.manager.update(UploadSession, { id: session.id }, { s3UploadId, parts: {} }),
      );
    });
    throw ApiError.invalid(
      'upload_size_mismatch',
      `The stored file has ${head.size} bytes but the upload declared ${session.size}. Upload the file again.`,
      'size',
    );
  }
}
