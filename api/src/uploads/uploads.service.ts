import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AppConfig,
  newId,
  ObjectStorage,
  objectKeys,
  publicObjectBase,
  randomBase62,
  recordEvent,
  sha256Hex,
  UploadSession,
  Video,
  videoView,
} from '@streamforge/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccountScope, Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../infra/tokens';
import { TranscodeQueue } from '../infra/transcode-queue';
import type { CreateUploadDto, PartUrl, RecordedPartDto, UploadObject } from './dto';
import { validateMetadata } from './metadata';
import { partLength, planUpload, type UploadPlan } from './upload-plan';
import { uploadView } from './upload.view';

const FIRST_BATCH = 50;

@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    private readonly queue: TranscodeQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(scope: AccountScope, dto: CreateUploadDto): Promise<UploadObject> {
    validateMetadata(dto.metadata);
    const plan = planUpload(dto.size, this.config.uploads);
    const videoId = newId('vid');
    const uploadId = newId('upl');
    const clientSecret = `${uploadId}_secret_${randomBase62(32)}`;
    const objectKey = objectKeys.source(scope.accountId, videoId);
    const s3UploadId = plan.mode === 'multipart' ? await this.storage.createMultipart(objectKey, dto.content_type) : null;

    let session: UploadSession;
    try {
      session = await this.db.transaction(async (manager) => {
        const video = await manager.save(
          manager.create(Video, {
            id: videoId,
            accountId: scope.accountId,
            livemode: scope.livemode,
            title: dto.title ?? null,
            metadata: dto.metadata ?? {},
            status: 'pending_upload',
            sourceKey: objectKey,
            uploadSessionId: uploadId,
          }),
        );
        const created = await manager.save(
          manager.create(UploadSession, {
            id: uploadId,
            accountId: scope.accountId,
            livemode: scope.livemode,
            videoId,
            status: 'open',
            filename: dto.filename,
            contentType: dto.content_type,
            objectKey,
            s3UploadId,
            size: dto.size,
            partSize: plan.partSize,
            partCount: plan.partCount,
            parts: {},
            clientSecretHash: sha256Hex(clientSecret),
            expiresAt: new Date(Date.now() + this.config.uploads.sessionTtlSeconds * 1000),
          }),
        );
        await recordEvent(manager, { ...scope, type: 'video.created', object: this.videoView(video) });
        return created;
      });
    } catch (error) {
      if (s3UploadId) await this.storage.abortMultipart(objectKey, s3UploadId);
      throw error;
    }

    const numbers = Array.from({ length: Math.min(plan.partCount, FIRST_BATCH) }, (_, i) => i + 1);
    return { ...uploadView(session), client_secret: clientSecret, ...(await this.signParts(session, numbers)) };
  }

  async get(principal: Principal, id: string): Promise<UploadObject> {
    return uploadView(await this.find(this.db.manager, principal, id));
  }

  /** Fresh presigned URLs: for the parts asked for, or the next ones not yet recorded. */
  async partUrls(principal: Principal, id: string, partNumbers?: number[]): Promise<UploadObject> {
    const session = await this.find(this.db.manager, principal, id);
    this.assertOpen(session);
    let numbers = partNumbers ? [...new Set(partNumbers)].sort((a, b) => a - b) : undefined;
    const outOfRange = numbers?.find((n) => n > session.partCount);
    if (outOfRange) {
      throw ApiError.invalid(
        'parameter_invalid',
        `Part ${outOfRange} does not exist: this upload has ${session.partCount} part(s).`,
        'part_numbers',
      );
    }
    numbers ??= Array.from({ length: session.partCount }, (_, i) => i + 1)
      .filter((n) => !session.parts[String(n)])
      .slice(0, FIRST_BATCH);
    return { ...uploadView(session), ...(await this.signParts(session, numbers)) };
  }

  /** Merges the reported ETags in one statement, so parallel reports never overwrite each other. */
  async recordParts(principal: Principal, id: string, parts: RecordedPartDto[]): Promise<UploadObject> {
    const session = await this.find(this.db.manager, principal, id);
    this.assertOpen(session);
    const bad = parts.find((p) => p.part_number > session.partCount);
    if (bad) {
      throw ApiError.invalid(
        'parameter_invalid',
        `Part ${bad.part_number} does not exist: this upload has ${session.partCount} part(s).`,
        'parts',
      );
    }
    const now = Date.now();
    const patch = Object.fromEntries(parts.map((p) => [String(p.part_number), { etag: p.etag, recorded_at: now }]));
    await this.db.query(
      `UPDATE upload_sessions SET parts = parts || $1::jsonb, updated_at = now() WHERE id = $2 AND status = 'open'`,
      [JSON.stringify(patch), session.id],
    );
    return this.get(principal, id);
  }

  /**
   * Finishes the upload: assembles multipart parts, checks the stored size, moves the video to
   * `processing` and queues the transcode. Calling it again after success is harmless.
   */
  async complete(principal: Principal, id: string): Promise<UploadObject> {
    const { session, job, refusal } = await this.db.transaction(async (manager) => {
      const session = await this.find(manager, principal, id, true);
      if (session.status === 'completed') return { session, job: null };
      this.assertOpen(session);
      // A refusal that changed the session (a restarted multipart upload) must commit, not roll back.
      const refusal = await this.assembleAndVerify(manager, session);
      if (refusal) return { session, job: null, refusal };

      session.status = 'completed';
      await manager.save(session);
      const video = await manager.findOneByOrFail(Video, { id: session.videoId });
      video.status = 'processing';
      video.processingAttempts += 1;
      video.progress = { stage: 'queued', percent: 0 };
      await manager.save(video);
      await recordEvent(manager, {
        accountId: video.accountId,
        livemode: video.livemode,
        type: 'video.processing',
        object: this.videoView(video),
      });
      return { session, job: { videoId: video.id, accountId: video.accountId, attempt: video.processingAttempts } };
    });
    if (refusal) throw refusal;
    if (job) {
      try {
        await this.queue.enqueue(job);
      } catch (error) {
        // The video is durably `processing`; the reconciler re-queues videos that have no live job.
        this.logger.error(`could not queue transcode for ${job.videoId}: ${(error as Error).message}`);
      }
    }
    return uploadView(session);
  }

  async abort(principal: Principal, id: string): Promise<UploadObject> {
    const session = await this.db.transaction(async (manager) => {
      const session = await this.find(manager, principal, id, true);
      if (session.status === 'aborted') return session;
      if (session.status === 'completed') {
        throw ApiError.invalid('upload_completed', 'This upload is already complete; delete the video instead.');
      }
      if (session.s3UploadId) await this.storage.abortMultipart(session.objectKey, session.s3UploadId);
      await this.storage.deletePrefix(session.objectKey);
      session.status = 'aborted';
      await manager.save(session);
      const video = await manager.findOneByOrFail(Video, { id: session.videoId });
      video.status = 'failed';
      video.errorCode = 'source_missing';
      video.errorMessage = 'The upload was aborted before it completed.';
      await manager.save(video);
      await recordEvent(manager, {
        accountId: video.accountId,
        livemode: video.livemode,
        type: 'video.failed',
        object: this.videoView(video),
      });
      return session;
    });
    return uploadView(session);
  }

  private async assembleAndVerify(manager: EntityManager, session: UploadSession): Promise<ApiError | null> {
    if (session.s3UploadId) {
      const missing: number[] = [];
      for (let n = 1; n <= session.partCount; n++) if (!session.parts[String(n)]) missing.push(n);
      if (missing.length) {
        throw ApiError.invalid(
          'upload_incomplete',
          `${missing.length} of ${session.partCount} parts have not been recorded (first missing: part ${missing[0]}). ` +
            'Upload them and record their ETags with POST /v1/uploads/{id}/parts.',
          'parts',
        );
      }
      try {
        await this.storage.completeMultipart(
          session.objectKey,
          session.s3UploadId,
          Array.from({ length: session.partCount }, (_, i) => ({
            partNumber: i + 1,
            etag: session.parts[String(i + 1)].etag,
          })),
        );
      } catch (error) {
        throw ApiError.invalid(
          'upload_parts_invalid',
          `The storage refused to assemble the parts (${(error as Error).name}). Re-upload the parts and record their new ETags.`,
          'parts',
        );
      }
    }
    const head = await this.storage.head(session.objectKey);
    if (!head) {
      throw ApiError.invalid('upload_incomplete', 'No file has been uploaded yet: PUT it to the presigned URL first.');
    }
    if (head.size !== session.size) {
      await this.storage.deletePrefix(session.objectKey);
      if (session.s3UploadId) {
        // The multipart upload is consumed; open a new one so the client can send the parts again.
        session.s3UploadId = await this.storage.createMultipart(session.objectKey, session.contentType);
        session.parts = {};
        await manager.save(session);
      }
      return ApiError.invalid(
        'upload_size_mismatch',
        `The stored file has ${head.size} bytes but the upload declared ${session.size}. Upload the file again.`,
        'size',
      );
    }
    return null;
  }

  private async signParts(session: UploadSession, numbers: number[]): Promise<Pick<UploadObject, 'part_urls' | 'part_urls_expire_at'>> {
    const expiresIn = Math.min(
      this.config.uploads.presignedUrlTtlSeconds,
      Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
    );
    const plan: UploadPlan = session.s3UploadId
      ? { mode: 'multipart', partSize: session.partSize!, partCount: session.partCount }
      : { mode: 'single', partSize: null, partCount: 1 };
    const part_urls: PartUrl[] = await Promise.all(
      numbers.map(async (n) => {
        const size = partLength(session.size, plan, n);
        const url = session.s3UploadId
          ? await this.storage.presignPart(session.objectKey, session.s3UploadId, n, size, expiresIn)
          : await this.storage.presignPut(session.objectKey, {
              contentLength: size,
              contentType: session.contentType,
              expiresIn,
            });
        return { part_number: n, url, size };
      }),
    );
    return { part_urls, part_urls_expire_at: Math.floor(Date.now() / 1000) + expiresIn };
  }

  private assertOpen(session: UploadSession) {
    if (session.status === 'open' && session.expiresAt.getTime() <= Date.now()) {
      throw ApiError.invalid('upload_expired', 'This upload has expired. Create a new upload.');
    }
    if (session.status !== 'open') {
      throw ApiError.invalid('upload_not_open', `This upload is ${session.status}; it accepts no more changes.`);
    }
  }

  /** Scoped lookup: another account's upload and a missing one are the same 404. */
  private async find(manager: EntityManager, principal: Principal, id: string, lock = false): Promise<UploadSession> {
    if (principal.kind === 'client_secret' && principal.uploadId !== id) throw ApiError.notFound('upload', id);
    const session = await manager.findOne(UploadSession, {
      where: { id, accountId: principal.accountId, livemode: principal.livemode },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!session) throw ApiError.notFound('upload', id);
    return session;
  }

  private videoView(video: Video) {
    return videoView(video, publicObjectBase(this.config));
  }
}
