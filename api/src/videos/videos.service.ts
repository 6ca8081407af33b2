import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AppConfig,
  ObjectStorage,
  objectKeys,
  publicObjectBase,
  recordVideoEvent,
  UploadSession,
  Video,
  VIDEO_VIEW_COLUMNS,
  videoView,
  type VideoView,
  type VideoViewSource,
} from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, listScoped } from '../common/list';
import { RequestScope, type ScopedStatement } from '../common/request-scope';
import { APP_CONFIG } from '../infra/tokens';
import { JobQueue } from '../infra/job-queue';
import { validateMetadata } from '../common/metadata';
import type { DeletedVideo, ListVideosQuery, UpdateVideoDto } from './dto';

/** A video of the caller's by id (`sf_scoped_video(account, livemode, id)`). */
export const GET_VIDEO: ScopedStatement = {
  name: 'sf_get_video',
  text: `SELECT ${VIDEO_VIEW_COLUMNS} FROM sf_scoped_video($1, $2, $3)`,
};

@Injectable()
export class VideosService {
  private readonly logger = new Logger(VideosService.name);

  constructor(
    private readonly scope: RequestScope,
    private readonly storage: ObjectStorage,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The hot read: one prepared statement that sets its scope itself (`RequestScope.call`, the
   * `sf_scoped_video` function), no ORM mapping. The route is `@ScopedRead()`, so there is no
   * request transaction around it.
   */
  async get(scope: AccountScope, id: string): Promise<VideoView> {
    const [row] = await this.scope.call<VideoViewSource>(scope, GET_VIDEO, id);
    if (!row) throw ApiError.notFound('video', id);
    return this.view(row);
  }

  list(scope: AccountScope, query: ListVideosQuery): Promise<ListPage<VideoView>> {
    return listScoped(this.scope.manager, Video, scope, query, {
      url: '/v1/videos',
      view: (video) => this.view(video),
      filter: (qb) => query.status && qb.andWhere('row.status = :status', { status: query.status }),
    });
  }

  async update(scope: AccountScope, id: string, dto: UpdateVideoDto): Promise<VideoView> {
    const video = await this.find(scope, id, true);
    if (dto.title !== undefined) video.title = dto.title;
    if (dto.metadata) {
      const merged = { ...video.metadata };
      for (const [key, value] of Object.entries(dto.metadata)) {
        if (value === '') delete merged[key];
        else merged[key] = value;
      }
      validateMetadata(merged);
      video.metadata = merged;
    }
    await this.scope.manager.save(video);
    await recordVideoEvent(this.scope.manager, video, 'video.updated', this.publicBase());
    return this.view(video);
  }

  /** Deletes the video, its upload session and, once that is committed, every stored object. */
  async remove(scope: AccountScope, id: string): Promise<DeletedVideo> {
    const manager = this.scope.manager;
    const video = await this.find(scope, id, true);
    const session = video.uploadSessionId
      ? await manager.findOneBy(UploadSession, { id: video.uploadSessionId })
      : null;
    await recordVideoEvent(manager, video, 'video.deleted', this.publicBase());
    await manager.delete(Video, { id: video.id });
    // A worker transcoding it stops at once (it would otherwise find out at its next write); the
    // answer does not wait for Redis.
    if (video.status === 'processing') {
      this.scope.afterCommit(
        async () =>
          void this.queue
            .announceDeletion(video.id)
            .catch((error: Error) => this.logger.warn(`deletion of ${video.id} not announced: ${error.message}`)),
      );
    }
    this.scope.afterCommit(async () => {
      if (session?.status === 'open' && session.s3UploadId) {
        await this.storage.abortMultipart(session.objectKey, session.s3UploadId);
      }
      await this.storage.deletePrefix(objectKeys.video(video.accountId, video.id));
    });
    return { id: video.id, object: 'video', deleted: true };
  }

  private async find(scope: AccountScope, id: string, lock = false): Promise<Video> {
    const video = await this.scope.manager.findOne(Video, {
      where: { id, accountId: scope.accountId, livemode: scope.livemode },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!video) throw ApiError.notFound('video', id);
    return video;
  }

  private publicBase(): string {
    return publicObjectBase(this.config);
  }

  private view(video: VideoViewSource): VideoView {
    return videoView(video, this.publicBase());
  }
}
