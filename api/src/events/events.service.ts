import { Injectable } from '@nestjs/common';
import { EventRecord, eventView, type EventView } from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, listScoped } from '../common/list';
import { RequestScope } from '../common/request-scope';
import type { ListEventsQuery } from './dto';

@Injectable()
export class EventsService {
  constructor(private readonly scope: RequestScope) {}

  async get(scope: AccountScope, id: string): Promise<EventView> {
    const event = await this.scope.manager.findOneBy(EventRecord, {
      id,
      accountId: scope.accountId,
      livemode: scope.livemode,
    });
    if (!event) throw ApiError.notFound('event', id);
    return eventView(event);
  }

  list(scope: AccountScope, query: ListEventsQuery): Promise<ListPage<EventView>> {
    return listScoped(this.scope.manager, EventRecord, scope, query, {
      url: '/v1/events',
      view: eventView,
      filter: (qb) => query.type && qb.andWhere('row.type = :type', { type: query.type }),
    });
  }
}
