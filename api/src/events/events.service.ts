import { Injectable } from '@nestjs/common';
import { EventRecord, unixSeconds } from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, paginate } from '../common/list';
import { RequestScope } from '../common/request-scope';
import type { EventObject, ListEventsQuery } from './dto';

export function eventView(event: EventRecord): EventObject {
  return {
    id: event.id,
    object: 'event',
    type: event.type,
    created: unixSeconds(event.createdAt),
    livemode: event.livemode,
    data: event.data,
  };
}

@Injectable()
export class EventsService {
  constructor(private readonly scope: RequestScope) {}

  async get(scope: AccountScope, id: string): Promise<EventObject> {
    const event = await this.scope.manager.findOneBy(EventRecord, {
      id,
      accountId: scope.accountId,
      livemode: scope.livemode,
    });
    if (!event) throw ApiError.notFound('event', id);
    return eventView(event);
  }

  async list(scope: AccountScope, query: ListEventsQuery): Promise<ListPage<EventObject>> {
    const repo = this.scope.manager.getRepository(EventRecord);
    const where = { accountId: scope.accountId, livemode: scope.livemode };
    const qb = repo.createQueryBuilder('event').where('event.accountId = :accountId AND event.livemode = :livemode', where);
    if (query.type) qb.andWhere('event.type = :type', { type: query.type });
    const { rows, hasMore } = await paginate(qb, query, (id) =>
      repo.findOne({ where: { id, ...where }, select: { id: true, createdAt: true } }),
    );
    return { object: 'list', data: rows.map(eventView), has_more: hasMore, url: '/v1/events' };
  }
}
