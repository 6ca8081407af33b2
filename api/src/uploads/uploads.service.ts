import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type AppConfig,
  entityRow,
  newEvent,
  newId,
  ObjectStorage,
  objectKeys,
  publicObjectBase,
  randomBase62,
  recordVideoEvent,
  videoEvent,
  withInsertDefaults,
  sha256Hex,
  UploadSession,
  Video,
} from '@streamforge/core';
import type { AccountScope, Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, type ListQuery, listScoped } from '../common/list';
import { RequestScope, type ScopedStatement } from '../common/request-scope';
import { APP_CONFIG } from '../infra/tokens';
import type { CreateUploadDto, RecordedPartDto, UploadObject, UploadStatusObject } from './dto';
import { validateMetadata } from '../common/metadata';
import { PartSigner } from './part-signer';
import { assertAcceptable, assertOpen } from './upload-rules';
import { planUpload } from './upload-plan';
import { uploadView } from './upload.view';

const BATCH = 50;

/** `sf_scoped_create_upload(account, livemode, video, upload, event)`: the three rows, each as JSON. */
export const CREATE_UPLOAD: ScopedStatement = {
  name: 'sf_create_upload',
  text: 'SELECT FROM sf_scoped_create_upload($1, $2, $3, $4, $5)',
};

@Injectable()
export class UploadsService {
  constructor(
    private readonly scope: RequestScope,
    private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    private readonly signer: PartSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(caller: AccountScope, dto: CreateUploadDto): Promise<UploadObject> {
    assertAcceptable(dto, this.config);
    validateMetadata(dto.metadata);
    const plan = planUpload(dto.size, this.config.uploads);
    const scope = { accountId: caller.accountId, livemode: caller.livemode };
    const videoId = newId('vid');
    const uploadId = newId('upl');
    const clientSecret = `${uploadId}_secret_${randomBase62(32)}`;
    const objectKey = objectKeys.source(scope.accountId, videoId);
    const s3UploadId =
      plan.mode === 'multipart' ? await this.storage.createMultipart(objectKey, dto.content_type) : null;
    if (s3UploadId) this.scope.afterRollback(() => this.storage.abortMultipart(objectKey, s3UploadId));

    // Entities made with the data source's manager (no connection needed), written by one statement.
    const manager = this.db.manager;
    const createdAt = this.scope.now;
    const video = withInsertDefaults(
      manager,
      manager.create(Video, {
        ...scope,
        id: videoId,
        title: dto.title ?? null,
        metadata: dto.metadata ?? {},
        status: 'pending_upload',
        sourceKey: objectKey,
        uploadSessionId: uploadId,
      }),
      createdAt,
    );
    const session = withInsertDefaults(
      manager,
      manager.create(UploadSession, {
        ...scope,
        id: uploadId,
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
      createdAt,
    );
    const event = withInsertDefaults(
      manager,
      newEvent(manager, videoEvent(video, 'video.created', publicObjectBase(this.config))),
      createdAt,
    );
    // The video, its upload and its event in one statement: without an Idempotency-Key, one round
    // trip in all (the route is `oneStatement`), where a transaction around it would take three.
    const rows = [video, session, event].map((entity) => JSON.stringify(entityRow(this.db, entity)));
    await this.scope.write(scope, CREATE_UPLOAD, ...rows);
    const first = Array.from({ length: Math.min(plan.partCount, BATCH) }, (_, i) => i + 1);
    return { ...uploadView(session), client_secret: clientSecret, ...(await this.signer.sign(session, first)) };
  }

  async get(principal: Principal, id: string): Promise<UploadObject> {
    return uploadView(await this.find(principal, id));
  }

  list(scope: AccountScope, query: ListQuery): Promise<ListPage<UploadObject>> {
    return listScoped(this.scope.manager, UploadSession, scope, query, { url: '/v1/uploads', view: uploadView });
  }

  /** What a browser polls after completing: the upload and its video in one small object. */
  async status(principal: Principal, id: string): Promise<UploadStatusObject> {
    const session = await this.find(principal, id);
    const video = await this.scope.manager.findOneByOrFail(Video, { id: session.videoId });
    return {
      object: 'upload_status',
      upload_id: session.id,
      upload_status: session.status,
      parts_recorded: Object.keys(session.parts).length,
      part_count: session.partCount,
      video_id: video.id,
      video_status: video.status,
      progress: video.status === 'processing' ? video.progress : null,
      error:
        video.status === 'failed' && video.errorCode
          ? { code: video.errorCode, message: video.errorMessage ?? '' }
          : null,
    };
  }

  /** Fresh presigned URLs: for the parts asked for, or the next ones not yet recorded. */
  async partUrls(principal: Principal, id: string, partNumbers?: number[]): Promise<UploadObject> {
    const session = await this.find(principal, id);
    assertOpen(session);
    const asked = partNumbers ? [...new Set(partNumbers)].sort((a, b) => a - b) : undefined;
    const outOfRange = asked?.find((n) => n > session.partCount);
    if (outOfRange) throw this.noSuchPart(outOfRange, session, 'part_numbers');
    const numbers =
      asked ??
      Array.from({ length: session.partCount }, (_, i) => i + 1)
        .filter((n) => !session.parts[String(n)])
        .slice(0, BATCH);
    return { ...uploadView(session), ...(await this.signer.sign(session, numbers)) };
  }

  /** Merges the reported ETags in one statement, so parallel reports never overwrite each other. */
  async recordParts(principal: Principal, id: string, parts: RecordedPartDto[]): Promise<UploadObject> {
    const session = await this.find(principal, id);
    assertOpen(session);
    const bad = parts.find((p) => p.part_number > session.partCount);
    if (bad) throw this.noSuchPart(bad.part_number, session, 'parts');
    const now = Date.now();
    const patch = Object.fromEntries(parts.map((p) => [String(p.part_number), { etag: p.etag, recorded_at: now }]));
    await this.scope.manager.query(
      `UPDATE upload_sessions SET parts = parts || $1::jsonb, updated_at = now() WHERE id = $2 AND status = 'open'`,
      [JSON.stringify(patch), session.id],
    );
    return this.get(principal, id);
  }

  async abort(principal: Principal, id: string): Promise<UploadObject> {
    const manager = this.scope.manager;
    const session = await this.find(principal, id, true);
    if (session.status === 'aborted') return uploadView(session);
    if (session.status === 'completed') {
      throw ApiError.invalid('upload_completed', 'This upload is already complete; delete the video instead.');
    }
    session.status = 'aborted';
    await manager.save(session);
    const video = await manager.findOneByOrFail(Video, { id: session.videoId });
    Object.assign(video, {
      status: 'failed',
      errorCode: 'source_missing',
      errorMessage: 'The upload was aborted before it completed.',
    });
    await manager.save(video);
    await recordVideoEvent(manager, video, 'video.failed', publicObjectBase(this.config));
    // Storage is cleaned once the abort is durable.
    this.scope.afterCommit(async () => {
      if (session.s3UploadId) await this.storage.abortMultipart(session.objectKey, session.s3UploadId);
      await this.storage.deletePrefix(session.objectKey);
    });
    return uploadView(session);
  }

  /** Scoped lookup: another account's upload and a missing one are the same 404. */
  async find(principal: Principal, id: string, lock = false): Promise<UploadSession> {
    if (principal.kind === 'client_secret' && principal.uploadId !== id) throw ApiError.notFound('upload', id);
    const session = await this.scope.manager.findOne(UploadSession, {
      where: { id, accountId: principal.accountId, livemode: principal.livemode },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!session) throw ApiError.notFound('upload', id);
    return session;
  }

  private noSuchPart(n: number, session: UploadSession, param: string) {
    return ApiError.invalid(
      'parameter_invalid',
      `Part ${n} does not exist: this upload has ${session.partCount} part(s).`,
      param,
    );
  }
}
