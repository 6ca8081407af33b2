import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, publicObjectBase, Video, videoView, type VideoView } from '@streamforge/core';
import { DataSource } from 'typeorm';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, paginate } from '../common/list';
import { APP_CONFIG } from '../infra/tokens';
import type { ListVideosQuery } from './dto';

@Injectable()
export class VideosService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(scope: AccountScope, id: string): Promise<VideoView> {
    const video = await this.db.getRepository(Video).findOneBy({ id, accountId: scope.accountId, livemode: scope.livemode });
    if (!video) throw ApiError.notFound('video', id);
    return videoView(video, publicObjectBase(this.config));
  }

  async list(scope: AccountScope, query: ListVideosQuery): Promise<ListPage<VideoView>> {
    const repo = this.db.getRepository(Video);
    const qb = repo
      .createQueryBuilder('video')
      .where('video.accountId = :accountId AND video.livemode = :livemode', {
        accountId: scope.accountId,
        livemode: scope.livemode,
      });
    if (query.status) qb.andWhere('video.status = :status', { status: query.status });
    const { rows, hasMore } = await paginate(qb, query, (id) =>
      repo.findOne({
        where: { id, accountId: scope.accountId, livemode: scope.livemode },
        select: { id: true, createdAt: true },
      }),
    );
    const base = publicObjectBase(this.config);
    return { object: 'list', data: rows.map((v) => videoView(v, base)), has_more: hasMore, url: '/v1/videos' };
  }
}
